using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh;

/// <summary>A host with plain password authentication off still lets a password in through keyboard-interactive.</summary>
public sealed class KeyboardInteractiveTests(KeyboardInteractiveSshdFixture sshd) : IClassFixture<KeyboardInteractiveSshdFixture>, IAsyncLifetime
{
    private McpServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await McpServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_PasswordOnKeyboardInteractiveOnlyHost_LogsIn(string transport)
    {
        var open = await _server.OpenAsync(sshd, transport);

        Assert.Equal($"{sshd.Username}\n", (await _server.ExecAsync(open.SessionId, "id -un")).Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_WrongPasswordOnKeyboardInteractiveOnlyHost_FailsNamingTheMethods(string transport)
    {
        var error = await _server.CallErrorAsync("ssh_open", new Dictionary<string, object?>
        {
            ["host"] = sshd.Host,
            ["port"] = sshd.Port,
            ["username"] = sshd.Username,
            ["password"] = "definitely-wrong",
            ["transport"] = transport,
        });

        Assert.Contains("Authentication failed", error, StringComparison.Ordinal);
        Assert.Contains("keyboard-interactive", error, StringComparison.Ordinal);
    }
}
