using SshMcp.Tests.Shell;

namespace SshMcp.Tests.Infrastructure;

/// <summary>Sessions whose login shell is busybox's ash, run as <c>ash</c> the way Alpine's /bin/ash is.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit ends the fixture through IAsyncLifetime.DisposeAsync, which releases it.")]
public sealed class BusyboxAshSshd : LoginShellSshd
{
    private readonly BusyboxBin _busybox = new();

    protected override string FindShell() => _busybox.Ash;

    protected override void Release() => _busybox.Dispose();
}
