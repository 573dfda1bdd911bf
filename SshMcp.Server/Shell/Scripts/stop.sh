# Stops processes on the host. Runs on a short-lived second channel as `/bin/sh -s PID TAG MODE AGE` with this text
# on stdin: the session's shell is busy waiting for the command, so it cannot do it.
# MODE run: what one command started: the processes carrying its tag, the shell's untagged children younger than AGE
# seconds (subshells forked for the command: a fork keeps the shell's own environment, which has no tag), and their
# descendants. Never the shell, nor the background jobs of earlier commands.
# MODE all: the shell and everything tagged with the session (TAG is then the session's prefix, "ID.").
# MODE bg: a background run (TAG is its id, PID its wrapper, 0 when unknown): what carries its tag, and the members of
# the wrapper's process group while the wrapper itself still carries the tag (so a reused PID is never signalled).
# Sends INT, then TERM, then KILL, re-reading the process table between rounds, and prints one line: none,
# stopped, or "unconfirmed PIDS".
# Written for any POSIX sh, with the ps, grep and awk of busybox: on Alpine nothing else is there.
# zsh (never /bin/sh, but it may be sh's target somewhere) splits words and globs as sh only when told.
[ -z "${ZSH_VERSION:-}" ] || emulate sh
S=$1 T=$2 M=$3 E=$4
# The process table, one "pid ppid state age-in-seconds pgid" per line. procps' ps prints it. busybox ps knows neither
# etimes nor -p, so there the kernel's /proc/PID/stat is read instead: its fields follow the last ") " (a command
# name may hold both), state first, ppid second, process group third and the start time (clock ticks since boot)
# twentieth.
if ps -o etimes= -p $$ >/dev/null 2>&1; then
  table() { ps -e -o pid= -o ppid= -o stat= -o etimes= -o pgid= 2>/dev/null; }
else
  HZ=$(getconf CLK_TCK 2>/dev/null)
  case $HZ in '' | *[!0-9]*) HZ=100 ;; esac
  table() {
    read -r up _ 2>/dev/null </proc/uptime || return 0
    cat /proc/[0-9]*/stat 2>/dev/null | awk -v up="$up" -v hz="$HZ" '{
      s = $0; while ((i = index(s, ") ")) > 0) s = substr(s, i + 2)
      split(s, f, " "); printf "%s %s %s %d %s\n", $1, f[2], f[1], up - f[20] / hz, f[3] }'
  }
fi
# Roots: processes carrying the tag (read from /proc/PID/environ, the environment a process was started with; -z
# because its entries end in NUL, and busybox grep stops a line at the first NUL) and, by mode, the shell itself
# or the shell's untagged young children.
roots() {
  if [ -r /proc/self/environ ]; then
    if [ "$M" = all ]; then grep -lsazF "__SSHMCP=$T" /proc/[0-9]*/environ
    else grep -lsazxF "__SSHMCP=$T" /proc/[0-9]*/environ; fi 2>/dev/null
  fi
  if [ "$M" = all ]; then echo "/proc/$S/"; elif [ "$M" = run ]; then
    for c in $(table | awk -v s="$S" -v e="$E" '$2 == s && $4 <= e { print $1 }'); do
      grep -qsazF "__SSHMCP=" "/proc/$c/environ" 2>/dev/null || echo "/proc/$c/"
    done
  fi
}
# The roots, the members of the wrapper's group (bg mode) and all their descendants, zombies and (in run mode) the
# shell left out. $1: processes that outlived the last signal, kept as roots: when their parent died they were
# re-parented away from the tree (a job of the shell that ignores TERM, once TERM ended the shell), yet they are
# still ours to stop.
tree() {
  { roots; for p in $1; do echo "/proc/$p/"; done; echo --; table; } | awk -v s="$S" -v m="$M" '
    $1 == "--" { table = 1; next }
    !table { split($0, f, "/"); want[f[3]] = 1; next }
    { pp[$1] = $2; st[$1] = $3; pg[$1] = $5; seen = 1 }
    END {
      if (m == "bg" && (s in want)) for (p in pg) if (pg[p] == s) want[p] = 1
      if (seen) do { c = 0; for (p in pp) if (!(p in want) && (pp[p] in want)) { want[p] = 1; c = 1 } } while (c)
      for (p in want) if (p != "" && (!seen || ((p in st) && st[p] !~ /^Z/)) && (m != "run" || p != s)) printf "%s ", p
    }'
}
alive() {
  for p in $1; do
    if [ -r "/proc/$p/stat" ]; then
      read -r l 2>/dev/null <"/proc/$p/stat" || continue
      case "${l##*) }" in Z*) ;; *) printf '%s ' "$p" ;; esac
    elif [ ! -d /proc/self ] && kill -0 "$p" 2>/dev/null; then printf '%s ' "$p"; fi
  done
}
P=$(tree)
[ -n "$P" ] || { echo none; exit 0; }
# A command is interrupted first, as Ctrl-C would; a session's shell and background jobs ignore INT.
if [ "$M" = all ]; then ROUNDS="TERM:6 KILL:40"; else ROUNDS="INT:6 TERM:6 KILL:40"; fi
for round in $ROUNDS; do
  kill -s "${round%:*}" $P 2>/dev/null
  i=0
  while [ "$i" -lt "${round#*:}" ]; do
    sleep 0.05 2>/dev/null || sleep 1
    P=$(alive "$P")
    [ -n "$P" ] || break
    i=$((i + 1))
  done
  # Gone, or time for a harder signal: look again for processes started meanwhile.
  P=$(tree "$P")
  [ -n "$P" ] || { echo stopped; exit 0; }
done
echo "unconfirmed $P"
