# The exec request that starts the session's shell. sshd runs it under the user's login shell, whatever that is,
# hence the detour through /bin/sh: the user's shell is kept when it speaks sh syntax, otherwise /bin/sh is used.
# -l makes it a login shell reading commands from stdin, with the PATH and profile of a normal login.
exec /bin/sh -c 'case "${SHELL##*/}" in bash|zsh|ksh|ksh93|mksh|dash|ash|sh) exec "$SHELL" -l;; *) exec /bin/sh -l;; esac'
