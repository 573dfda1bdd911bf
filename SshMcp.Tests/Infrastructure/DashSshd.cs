using SshMcp.Tests.Shell;

namespace SshMcp.Tests.Infrastructure;

/// <summary>Sessions whose login shell is dash, a plain POSIX sh.</summary>
public sealed class DashSshd : LoginShellSshd
{
    protected override string FindShell() => LocalShells.Find("dash");
}
