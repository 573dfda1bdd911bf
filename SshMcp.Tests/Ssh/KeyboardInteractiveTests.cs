using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh;

/// <summary>A host with plain password authentication off still lets a password in through keyboard-interactive.</summary>
public sealed class KeyboardInteractiveTests(KeyboardInteractiveSshdFixture sshd) : IClassFixture<KeyboardInteractiveSshdFixture>, IAsyncLifetime
{
    private McpServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await McpServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Open_PasswordOnKeyboardInteractiveOnlyHost_LogsIn()
    {
        var open = await _server.OpenAsync(sshd);

        Assert.Equal($"{sshd.Username}\n", (await _server.ExecAsync(open.SessionId, "id -un")).Stdout);
    }

    [Fact]
    public async Task Open_WrongPasswordOnKeyboardInteractiveOnlyHost_FailsNamingTheMethods()
    {
        var error = await _server.CallErrorAsync("ssh_open", new Dictionary<string, object?>
        {
            ["host"] = sshd.Host,
            ["port"] = sshd.Port,
            ["username"] = sshd.Username,
            ["password"] = "definitely-wrong",
        });

        Assert.Contains("Authentication failed", error, StringComparison.Ordinal);
        Assert.Contains("keyboard-interactive", error, StringComparison.Ordinal);
    }
}
