# How a client that cannot send an SSH subsystem request (SSH.NET) reaches the host's SFTP server: the program sshd
# would start for `Subsystem sftp`, run as a command on a channel of its own. Its path comes from the host's
# sshd_config when that names one (internal-sftp is no program and is skipped), else from where distributions
# install it. Without one it exits 127 before writing a byte to stdout, which the client reads as "no SFTP server".
# sshd runs this under the user's login shell, whatever that is, hence the detour through /bin/sh, and one line
# without a backslash or a newline inside the quotes, which csh and fish read as sh does.
exec /bin/sh -c 'for p in $(sed -n "s/^[[:space:]]*[Ss]ubsystem[[:space:]][[:space:]]*sftp[[:space:]][[:space:]]*\([^[:space:]]*\).*/\1/p" /etc/ssh/sshd_config 2>/dev/null) /usr/lib/openssh/sftp-server /usr/libexec/openssh/sftp-server /usr/lib/ssh/sftp-server /usr/libexec/sftp-server /usr/lib/sftp-server /usr/libexec/ssh/sftp-server; do [ -x "$p" ] && [ ! -d "$p" ] && exec "$p"; done; echo "no sftp-server program on this host" >&2; exit 127'
