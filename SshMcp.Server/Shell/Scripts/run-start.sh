# Defines __sm_r, which starts a background run. Sent through the frame before a session's first background run; each
# run is then the framed call  __sm_r RUN OWNER MINUTES 'COMMAND'. The session's own shell runs it, so the run starts
# in the shell's cwd with its exported environment; the body is a subshell, so nothing it sets stays behind.
# A run's files (see rundir.sh): RUN.cmd (the command), RUN.meta (its owner), RUN.pid, RUN.out, RUN.err, and RUN.rc
# (the exit status, written when it ends).
# Until the answer only builtins run, and the forks that detach the run: starting one costs about a foreground `true`.
# Detaching: the subshell forks the run and exits, so the run is adopted by init and is never a descendant of the
# session's shell (closing the session stops those). setsid gives it a process group of its own, signalled whole by
# ssh_stop; without setsid (a trimmed busybox) it keeps the shell's group and is found by its tag alone. nohup, when
# installed, and the HUP trap keep a hangup from ending it. Its environment carries __SSHMCP=RUN in place of the
# session's tag: the session's stop never matches it, ssh_stop finds every process of it. Its stdin is /dev/null and
# the shell's other descriptors (the frame's 8 and 9 among them) are closed: it holds nothing of the channel open.
# The command runs as a script file, read by the user's shell: never in an argv that other users can see.
# Answers "started setsid" or "started nosetsid", or "refused" when no private directory could hold the run.
# The retention rule (sweep.sh) runs in the background with a session's first run only (and with every ssh_list):
# a sweep per start would cost each start two finds over a directory that grows with every run.
__sm_r() {
  if [ -z "${__sm_swept:-}" ]; then
    __sm_swept=1
    __sm_r1 "$1" "$2" "$3" "$4" sweep
  else
    __sm_r1 "$1" "$2" "$3" "$4"
  fi
}
__sm_r1() (
  [ -z "${ZSH_VERSION:-}" ] || emulate sh
  set +eu
  umask 077
@include rundir.sh@
@include sweep.sh@
  rb make || { echo refused; exit 0; }
  f=$B/$1
  { printf '%s\n' "$4" >"$f.cmd" && printf '%s\n' "$2" >"$f.meta"; } 2>/dev/null || { echo refused; exit 0; }
  case "${SHELL##*/}" in bash | zsh | ksh | ksh93 | mksh | dash | ash | sh) S=$SHELL ;; *) S=/bin/sh ;; esac
  G= N=
  command -v setsid >/dev/null 2>&1 && G=setsid
  command -v nohup >/dev/null 2>&1 && N=nohup
  __SSHMCP=$1
  export __SSHMCP
  [ "${5:-}" = sweep ] && sweep "$3" </dev/null >/dev/null 2>&1 8>&- 9>&- &
  # $1: the run's file prefix, $2: the shell. The trap on INT and TERM (reset to default in the command) keeps this
  # wrapper alive to write the exit status when the command dies of them.
  exec $G $N "$S" -c 'trap "" HUP; echo $$ >"$1.pid"; trap : INT TERM; "$2" "$1.cmd" </dev/null >"$1.out" 2>"$1.err"; echo $? >"$1.rt"; mv -f "$1.rt" "$1.rc"' sh "$f" "$S" \
    </dev/null >/dev/null 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  echo "started ${G:-nosetsid}"
)
