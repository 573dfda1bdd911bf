# Where background runs keep their files, shared by run-start.sh and runs.sh. A run is a set of files RUN.* in one
# private directory of the user's: ~/.cache/sshmcp/runs, else /tmp/sshmcp-UID/runs when the home directory cannot
# hold it. Not $XDG_RUNTIME_DIR: systemd-logind removes that when the user's last login session ends, which would
# take the output of a run that is meant to outlive its session. A directory counts only when it and its parent are
# the user's own and neither is a link, so a /tmp directory planted by another user is never used.
# base N: sets B to candidate N (1 or 2); ok: B qualifies; rb [make]: the first base that qualifies (made if asked).
base() { if [ "$1" = 1 ]; then B=${HOME:-/nonexistent}/.cache/sshmcp/runs; else B=/tmp/sshmcp-$(id -u)/runs; fi; }
ok() { [ -d "$B" ] && [ -O "$B" ] && [ -O "${B%/*}" ] && [ ! -h "$B" ] && [ ! -h "${B%/*}" ]; }
rb() {
  for n in 1 2; do
    base $n
    [ -d "$B" ] || [ "$1" != make ] || mkdir -p "$B" 2>/dev/null
    ok && [ -w "$B" ] && return 0
  done
  B=
  return 1
}
