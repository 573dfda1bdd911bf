# The choice of the session's shell: the user's login shell when it speaks sh syntax, otherwise /bin/sh. sshd runs the
# exec request under the user's login shell, whatever that is, hence the detour through /bin/sh around this line.
# -l makes it a login shell reading commands from stdin, with the PATH and profile of a normal login.
# @EXEC@ is "exec " where the shell replaces /bin/sh (ShellScripts.Launcher), and nothing where a parent waits for it
# (ShellScripts.LoginShell, under the openssh transport's exit wrapper). No single quote: it is sent inside one.
case "${SHELL##*/}" in bash|zsh|ksh|ksh93|mksh|dash|ash|sh) @EXEC@"$SHELL" -l;; *) @EXEC@/bin/sh -l;; esac
