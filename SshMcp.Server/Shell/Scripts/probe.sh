# The first command of every session, sent framed with plain eval (the shell's family is not known yet): reports
# the shell's PID and whether it is zsh, and makes bash expand aliases as an interactive terminal would.
printf '%s %s' "$$" "${ZSH_VERSION:+zsh}"; [ -n "${BASH_VERSION:-}" ] && shopt -s expand_aliases; :
