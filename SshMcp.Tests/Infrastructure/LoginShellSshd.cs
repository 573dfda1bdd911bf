namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// An sshd of its own whose sessions see another login shell in SHELL (as the user's passwd entry would give it),
/// shared by one test class.
/// </summary>
public abstract class LoginShellSshd : IAsyncLifetime
{
    private SshdFixture? _sshd;

    public SshdFixture Sshd => _sshd ?? throw new InvalidOperationException("The sshd has not started.");

    /// <summary>The login shell, as SHELL names it.</summary>
    public string ShellPath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ShellPath = FindShell();
        _sshd = SshdFixture.Create(new SshdOptions { LoginShell = ShellPath });
        await _sshd.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_sshd is not null)
            {
                await _sshd.DisposeAsync();
            }
        }
        finally
        {
            Release();
        }
    }

    /// <summary>The shell's path; fails with what to install when it is missing.</summary>
    protected abstract string FindShell();

    /// <summary>Frees whatever <see cref="FindShell"/> made.</summary>
    protected virtual void Release()
    {
    }
}
