# Defines __sm_r, which starts a background run. Sent through the frame before a session's first background run; each
# run is then the framed call  __sm_r RUN OWNER MINUTES 'COMMAND'. The session's own shell runs it, so the run starts
# in the shell's cwd with its exported environment; what it sets in the shell is its own __sm_ names only.
# A run's files (see rundir.sh): RUN.cmd (the command), RUN.meta (its owner), RUN.pid, RUN.out, RUN.err, and RUN.rc
# (the exit status, written when it ends).
# Cost: a fork is the dearest thing a shell does (milliseconds on a small VM, more than a whole foreground `true`), so
# until the answer the shell forks once: the detaching child. Everything else is builtins. The run's directory is
# found, made private (0700) and swept once per session, by __sm_ri in a command substitution; later starts only check
# that it is still there. The retention rule (sweep.sh) runs in the background then (and with every ssh_list): a sweep
# per start would cost each start two finds over a directory that grows with every run.
# Detaching: the shell's child forks the run and exits at once, so the run is adopted by init and is never a
# descendant of the session's shell (closing the session stops those, and the shell's `wait` would wait for it).
# setsid gives it a session and process group of its own, signalled whole by ssh_stop, and no terminal to hang up;
# without setsid (a trimmed busybox) it keeps the shell's group and is found by its tag alone, and nohup, when
# installed, keeps a hangup from ending it. The HUP trap does that on both. Its environment carries __SSHMCP=RUN in place of the session's tag: the session's stop never matches it,
# ssh_stop finds every process of it. Its stdin is /dev/null and the shell's other descriptors (the frame's 8 and 9
# among them) are closed: it holds nothing of the channel open.
# The command runs as a script file, read by the user's shell: never in an argv that other users can see. The shell
# writes RUN.cmd and RUN.meta with its own umask, inside the 0700 directory; the run's own files are made under 077.
# Answers "started setsid" or "started nosetsid", or "refused" when no private directory could hold the run.
__sm_ri() (
  [ -z "${ZSH_VERSION:-}" ] || emulate sh
  set +eu
  umask 077
@include rundir.sh@
@include sweep.sh@
  rb make || exit 1
  chmod 700 "$B" 2>/dev/null || exit 1
  sweep "$1" </dev/null >/dev/null 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  printf '%s\n' "$B"
)
__sm_r() {
  [ -z "${ZSH_VERSION:-}" ] || emulate -L sh
  if [ -z "${__sm_B:-}" ] || [ ! -d "$__sm_B" ] || [ ! -w "$__sm_B" ] || [ -h "$__sm_B" ]; then
    __sm_B=$(__sm_ri "$3") || __sm_B=
  fi
  [ -n "$__sm_B" ] || { echo refused; return 0; }
  { printf '%s\n' "$4" >"$__sm_B/$1.cmd" && printf '%s\n' "$2" >"$__sm_B/$1.meta"; } 2>/dev/null || { echo refused; return 0; }
  case "${SHELL##*/}" in bash | zsh | ksh | ksh93 | mksh | dash | ash | sh) __sm_S=$SHELL ;; *) __sm_S=/bin/sh ;; esac
  __sm_G= __sm_N=
  if command -v setsid >/dev/null 2>&1; then __sm_G=setsid; elif command -v nohup >/dev/null 2>&1; then __sm_N=nohup; fi
  # /bin/sh waits for the command and writes its status. $1: the run's file prefix, $2: the shell. The trap on INT and TERM (reset to default in the command) keeps this
  # wrapper alive to write the exit status when the command dies of them.
  (
    __SSHMCP=$1
    export __SSHMCP
    exec $__sm_G $__sm_N /bin/sh -c 'umask 077; trap "" HUP; echo $$ >"$1.pid"; trap : INT TERM; "$2" "$1.cmd" </dev/null >"$1.out" 2>"$1.err"; echo $? >"$1.rt"; mv -f "$1.rt" "$1.rc"' sh "$__sm_B/$1" "$__sm_S" &
  ) </dev/null >/dev/null 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  echo "started ${__sm_G:-nosetsid}"
}
