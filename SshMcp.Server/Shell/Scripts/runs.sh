# Answers about background runs (started by run-start.sh). Runs on a second channel as
#   /bin/sh -s OP OWNER ARGS...   with this text on stdin
# status RUN                    one state line (below), or "none"
# read RUN STREAM OFFSET MAX    the state line, then up to MAX bytes of RUN.STREAM (out or err) from OFFSET; when
#                               there is nothing new there, the last 256 bytes before it (the line says which)
# list MINUTES                  applies the retention rule (sweep.sh), then one line per run: "ID " + state line +
#                               " " + the first line of its command, cut to 100 bytes
# mark RUN RC                   records RC as the exit status of a run that was killed before it could (ssh_stop)
# A run of another owner reads as "none", as an unknown one does.
# State line: "run STATE RC OUT ERR ENDED NOW PID KIND". STATE is running, starting (no PID yet), ended, lost (gone
# without an exit status: killed from outside, or the host restarted) or removed (output deleted by retention); RC the
# exit status or -; OUT and ERR the byte sizes of the outputs; ENDED and NOW epoch seconds (ENDED - while running);
# PID the wrapper's (the run's process group) or -; KIND is data, tail or none: what follows the line.
[ -z "${ZSH_VERSION:-}" ] || emulate sh
@include rundir.sh@
@include sweep.sh@
OP=$1 O=$2
shift 2
# find RUN: sets f to the run's file prefix when it exists and is the caller's.
find_run() {
  for n in 1 2; do
    base $n
    ok && [ -f "$B/$1.meta" ] || continue
    { read -r o <"$B/$1.meta"; } 2>/dev/null && [ "$o" = "$O" ] && { f=$B/$1; return 0; }
    return 1
  done
  return 1
}
size() { if [ -f "$1" ]; then set -- $(ls -ln "$1" 2>/dev/null) 0 0 0 0 0; echo "$5"; else echo 0; fi; }
mtime() { stat -c %Y "$1" 2>/dev/null || date -r "$1" +%s 2>/dev/null || echo -; }
# alive: the run's wrapper still runs (its PID, and on Linux its environment, say so).
alive() {
  { read -r p <"$f.pid"; } 2>/dev/null && kill -0 "$p" 2>/dev/null || return 1
  [ ! -r "/proc/$p/environ" ] || grep -qsazxF "__SSHMCP=${f##*/}" "/proc/$p/environ"
}
# state: sets s, rc and end. A wrapper that died without writing RUN.rc gets "lost" written for it, once.
state() {
  rc=- end=- s=running
  if [ ! -f "$f.rc" ] && ! alive; then
    if [ ! -f "$f.pid" ]; then s=starting
    elif [ ! -f "$f.rc" ]; then echo lost >"$f.rt" && mv -f "$f.rt" "$f.rc"; fi
  fi
  if [ -f "$f.rc" ]; then
    { read -r rc <"$f.rc"; } 2>/dev/null || rc=-
    end=$(mtime "$f.rc")
    case $rc in lost) s=lost rc=- ;; *[!0-9]* | '') s=ended rc=- ;; *) s=ended ;; esac
    [ -f "$f.removed" ] && s=removed
  fi
}
line() {
  { read -r p <"$f.pid"; } 2>/dev/null || p=-
  echo "run $s $rc $(size "$f.out") $(size "$f.err") $end $(date +%s) ${p:--} $1"
}
case $OP in
  status)
    find_run "$1" || { echo none; exit 0; }
    state
    line none
    ;;
  read)
    find_run "$1" || { echo none; exit 0; }
    state
    n=$(size "$f.$2")
    k=$((n - $3))
    [ "$k" -le "$4" ] || k=$4
    if [ "$k" -gt 0 ]; then
      line data
      tail -c +$(($3 + 1)) "$f.$2" </dev/null 2>/dev/null | head -c "$k"
    elif [ "$3" -gt 0 ] && [ "$3" -le "$n" ]; then
      line tail
      t=$(($3 - 256))
      [ "$t" -ge 0 ] || t=0
      tail -c +$((t + 1)) "$f.$2" </dev/null 2>/dev/null | head -c $(($3 - t))
    else
      line none
    fi
    ;;
  list)
    sweep "$1"
    for n in 1 2; do
      base $n
      ok || continue
      for m in "$B"/r*.meta; do
        [ -f "$m" ] || continue
        { read -r o <"$m"; } 2>/dev/null && [ "$o" = "$O" ] || continue
        f=${m%.meta}
        state
        printf '%s ' "${f##*/}"
        printf '%s ' "$(line none)"
        head -c 100 "$f.cmd" 2>/dev/null | head -n 1
        echo
      done
    done
    ;;
  mark)
    find_run "$1" || { echo none; exit 0; }
    [ -f "$f.rc" ] || { echo "$2" >"$f.rt" && mv -f "$f.rt" "$f.rc"; }
    state
    line none
    ;;
esac
exit 0
