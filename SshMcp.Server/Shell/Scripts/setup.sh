# Sent once, after the profile ran; @SESSION@ becomes the session's id.
# fds 8 and 9 keep the channel's stdout and stderr, so that the markers reach the server even when a command
# redirects its own output for good (exec >log, exec 2>&1).
# __sm_b NONCE RUN RC prints the begin markers, tags the command's environment (__SSHMCP=SESSION.RUN, which the stop
# script finds in /proc/PID/environ) and returns RC, so that the command's $? reads as it would in a terminal.
# __sm_e RC prints the end markers and the trailer "RC;CWD".
# The markers' control byte travels as the escape \036, never raw: no marker is ever in the text sent.
# Short names matter: bash reads a pipe one byte at a time, so every byte of a frame costs latency.
exec 8>&1 9>&2; __sm_s=@SESSION@
__sm_b() { __sm_n=$1; printf '\036%s{' "$1" >&8; printf '\036%s[' "$1" >&9; __SSHMCP=$__sm_s.$2; export __SSHMCP; return "$3"; }
__sm_e() { printf '\036%s]' "$__sm_n" >&9; printf '\036%s}%d;%s\036%s.' "$__sm_n" "$1" "$PWD" "$__sm_n" >&8; }
