#!/bin/sh
# The SSH_ASKPASS and KnownHostsCommand of one SshMcp session, written into the session's private directory
# (@DIR@). It holds no secret: it asks the server over the directory's two FIFOs and prints the answer to ssh.
# Request, on q: the helper's parent process id, the argument count and each argument, every one followed by NUL (one
# write: a prompt or a host key). ssh runs this helper as its own child, so the parent is the ssh that asks: the
# session's master, or the ssh of a jump host (ProxyJump), which the server gives none of the call's secrets.
# Answer, on a: one line: "+TEXT" prints TEXT; "=" prints nothing (no known key, which is no failure for ssh);
# anything else refuses (exit 1: no answer to a prompt).
# The server keeps both FIFOs open while ssh logs in and removes them after, so nothing here can block for long.
d='@DIR@'
# ORDER asks which key types to prefer before the host's key is known; the server has no answer to it (see
# HostKeyAnswers), so it gets none at once, without asking: a round trip less on every open.
[ "$1" = hostkey ] && [ "$2" = ORDER ] && exit 0
[ -p "$d/q" ] && [ -p "$d/a" ] || exit 1
printf '%s\0' "$PPID" "$#" "$@" >"$d/q" || exit 1
IFS= read -r r <"$d/a" || exit 1
case $r in
+*) printf '%s\n' "${r#+}" ;;
=) ;;
*) exit 1 ;;
esac
