# Defines __sm_r, which starts a background run. Sent through the frame before a session's first background run; each
# run is then the framed call  __sm_r RUN OWNER MINUTES 'COMMAND'. The session's own shell runs it, so the run starts
# in the shell's cwd with its exported environment; what it sets in the shell is its own __sm_ names only.
# A run's files (see rundir.sh): RUN.cmd (the command), RUN.meta (its owner), RUN.pid, RUN.out, RUN.err, and RUN.rc
# (the exit status, written when it ends); while it starts, RUN.env and RUN.cwd (the shell's exported variables and
# its directory) and RUN.goTOKEN (the request).
# Cost: a fork is the dearest thing a shell does (milliseconds on a small VM, more than a whole foreground `true`), so
# a start forks nothing in the session's shell: it writes the run's files with builtins and signals the session's
# launcher, a copy of the shell forked once per session (with the run directory's set-up and sweep, by __sm_ri), which
# starts the run. Only when the launcher is gone (or its PID is another process now) is one started again.
# Detaching: the launcher is no child of the session's shell, and neither is any run (closing the session stops the
# shell's descendants, and the shell's `wait` would wait for them). The run gets exactly the shell's exported
# environment (env -i, then the shell's own `export -p` read back by the same shell program) and its directory; its
# umask is 077, as the wrapper's. setsid gives it a session and process group of its own, signalled whole by ssh_stop,
# and no terminal to hang up; without setsid (a trimmed busybox) it keeps the launcher's group and is found by its
# tag alone, and nohup, when installed, keeps a hangup from ending it. The HUP trap does that on both. Its environment
# carries __SSHMCP=RUN in place of the session's tag: the session's stop never matches it, ssh_stop finds every
# process of it. Its stdin is /dev/null and no descriptor of the channel reaches it.
# The command runs as a script file, read by the user's shell: never in an argv that other users can see. The shell
# writes the run's files with its own umask, inside the 0700 directory; the run's output files are made under 077.
# Answers "started setsid" or "started nosetsid", or "refused" when no private directory could hold the run.
__sm_ri() (
  [ -z "${ZSH_VERSION:-}" ] || emulate sh
  set +eu
  umask 077
@include rundir.sh@
@include sweep.sh@
  rb make || exit 1
  chmod 700 "$B" 2>/dev/null || exit 1
  (exec </dev/null >/dev/null 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-; sweep "$1") &
  printf '%s\n' "$B"
)
# The launcher's loop: $1 the run directory, $2 its token, $3 the session shell's PID (it ends with that shell), $4 the
# shell program. USR1 wakes it; a missed wake-up costs at most the 2 s of its nap. Each run is started by a simple
# command in the background (exec, as the shell's own `cmd &` would), so that bash leaves INT at its default for the
# run; dash, zsh and ash ignore INT and QUIT in anything started with &, as before (ssh_stop's TERM then stops it).
# The shell program reads the run's environment back after env -i (no env on a trimmed busybox: then without -i).
__sm_rl() {
  set +eu
  # The launcher is a fork of the session's shell and would pass on the tag of the command that started it: every
  # process it execs (its nap, the first stage of a run) would then be the session's for ssh_close's sweep, which
  # could stop a run in the instant before it takes its own tag. None of them is the session's.
  unset __SSHMCP
  trap '__sm_go=1' USR1
  trap '' HUP
  __sm_done= __sm_nap= __sm_live= __sm_G= __sm_N= __sm_E=
  if command -v setsid >/dev/null 2>&1; then __sm_G=setsid; elif command -v nohup >/dev/null 2>&1; then __sm_N=nohup; fi
  command -v env >/dev/null 2>&1 && __sm_E=env
  # Whether the shell lives is asked before each scan, and the loop ends only after a scan: a run the shell asked
  # for just before it ended (a start, then ssh_close at once) is still started.
  while :; do
    __sm_live=
    kill -0 "$3" 2>/dev/null && __sm_live=1
    __sm_go=
    for __sm_f in "$1"/*.go"$2"; do
      [ -f "$__sm_f" ] || continue
      __sm_f=${__sm_f%.go"$2"}
      case " $__sm_done " in *" ${__sm_f##*/} "*) continue ;; esac
      __sm_done="$__sm_done ${__sm_f##*/}"
      # /bin/sh waits for the command and writes its status. The trap on INT and TERM (reset to default in the
      # command) keeps it alive to write the exit status when the command dies of them.
      exec $__sm_E ${__sm_E:+-i} "$4" -c '. "$1.env" 2>/dev/null; IFS= read -r d <"$1.cwd"; cd -- "$d" 2>/dev/null; rm -f "$1.go$2" "$1.env"; __SSHMCP=${1##*/}; export __SSHMCP; exec $4 $5 /bin/sh -c '\''umask 077; trap "" HUP; echo $$ >"$1.pid"; trap : INT TERM; "$2" "$1.cmd" </dev/null >"$1.out" 2>"$1.err"; echo $? >"$1.rt"; mv -f "$1.rt" "$1.rc"'\'' sh "$1" "$3"' \
        sh "$__sm_f" "$2" "$4" "$__sm_G" "$__sm_N" </dev/null >/dev/null 2>&1 &
    done
    [ -n "$__sm_live" ] || break
    [ -n "$__sm_go" ] && continue
    [ -n "$__sm_nap" ] && kill -0 "$__sm_nap" 2>/dev/null || { sleep 2 & __sm_nap=$!; }
    [ -n "$__sm_go" ] || wait "$__sm_nap" 2>/dev/null
  done
}
# The start time of process $1 (the 22nd field of /proc/PID/stat, read with builtins: no fork) in __sm_x; empty when
# it is gone, "-" on a host without /proc. A launcher is signalled only while its PID still has the start time it had:
# USR1 ends a process that does not catch it, and a dead launcher's PID may have gone to another process of the user.
__sm_ls() {
  __sm_x=-
  [ -r /proc/self/stat ] || return 0
  __sm_x= __sm_i=0
  { IFS= read -r __sm_x <"/proc/$1/stat"; } 2>/dev/null || return 0
  __sm_x=${__sm_x##*') '}
  while [ "$__sm_i" -lt 19 ]; do __sm_x=${__sm_x#* } __sm_i=$((__sm_i + 1)); done
  __sm_x=${__sm_x%% *}
}
__sm_r() {
  [ -z "${ZSH_VERSION:-}" ] || emulate -L sh
  if [ -z "${__sm_B:-}" ] || [ ! -d "$__sm_B" ] || [ ! -w "$__sm_B" ] || [ -h "$__sm_B" ]; then
    __sm_B=$(__sm_ri "$3") || __sm_B=
  fi
  [ -n "$__sm_B" ] || { echo refused; return 0; }
  case "${SHELL##*/}" in bash | zsh | ksh | ksh93 | mksh | dash | ash | sh) __sm_S=$SHELL ;; *) __sm_S=/bin/sh ;; esac
  __sm_f=$__sm_B/$1
  { printf '%s\n' "$4" >"$__sm_f.cmd" && printf '%s\n' "$2" >"$__sm_f.meta" && export -p >"$__sm_f.env" \
    && printf '%s\n' "$PWD" >"$__sm_f.cwd"; } 2>/dev/null || { echo refused; return 0; }
  __sm_T=.$$
  : >"$__sm_f.go$__sm_T" 2>/dev/null || { echo refused; return 0; }
  __sm_ls "${__sm_L:-0}"
  if [ -z "${__sm_L:-}" ] || [ "$__sm_x" != "${__sm_LT-}" ] || ! kill -USR1 "$__sm_L" 2>/dev/null; then
    # A new launcher, which scans before it first naps. It starts with USR1 ignored, so that a wake-up sent before
    # its trap is set cannot end it. (dash keeps a copy of a function's redirected descriptors: exec in a subshell
    # leaves none of the command substitution's pipe behind.)
    __sm_L=$( (trap '' USR1; (exec </dev/null >/dev/null 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-; __sm_rl "$__sm_B" "$__sm_T" "$$" "$__sm_S") &
      echo $!) )
    __sm_ls "$__sm_L"
    __sm_LT=$__sm_x
  fi
  if command -v setsid >/dev/null 2>&1; then echo "started setsid"; else echo "started nosetsid"; fi
}
