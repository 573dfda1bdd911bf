using SshMcp.Tests.Shell;

namespace SshMcp.Tests.Infrastructure;

/// <summary>Sessions whose login shell is zsh (macOS's default, and many users' own).</summary>
public sealed class ZshSshd : LoginShellSshd
{
    protected override string FindShell() => LocalShells.Find("zsh");
}
