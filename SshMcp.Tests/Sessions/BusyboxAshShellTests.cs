using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

/// <summary>busybox ash as the login shell, as on Alpine: a plain POSIX sh where eval's syntax errors are fatal unless <c>command eval</c>.</summary>
public sealed class BusyboxAshShellTests(BusyboxAshSshd sshd) : LoginShellTests<BusyboxAshSshd>(sshd);
