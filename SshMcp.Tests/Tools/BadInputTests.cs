using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Tools;

/// <summary>Bad input gets a clear tool error, fast, and the server and other sessions keep working.</summary>
[Collection(SshdCollection.Name)]
public sealed class BadInputTests(SshdFixture sshd) : IAsyncLifetime
{
    private McpServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await McpServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Dictionary<string, object?> Open(int? port = null, string? host = null, string? password = null) => new()
    {
        ["host"] = host ?? sshd.Host,
        ["port"] = port ?? sshd.Port,
        ["username"] = sshd.Username,
        ["password"] = password ?? sshd.Password,
    };

    [Fact]
    public async Task Exec_UnknownSession_SaysNotFoundAndWhatToDo()
    {
        var error = await _server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = "s0000000000000000", ["command"] = "true" });

        Assert.Contains("No open session 's0000000000000000'", error, StringComparison.Ordinal);
        Assert.Contains("ssh_open", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public async Task Exec_EmptyCommand_SaysSo(string command)
    {
        var session = (await _server.OpenAsync(sshd)).SessionId;

        var error = await _server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = command });

        Assert.Contains("command is empty", error, StringComparison.Ordinal);
        Assert.Equal("still\n", (await _server.ExecAsync(session, "echo still")).Stdout);
    }

    [Fact]
    public async Task Exec_CommandOverTheLimit_RefusedWithTheLimit()
    {
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:MaxCommandBytes"] = "1000" });
        var session = (await server.OpenAsync(sshd)).SessionId;

        var error = await server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = new string('x', 1001) });

        Assert.Contains("1001 bytes, more than the 1000 allowed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_WrongPassword_SaysAuthenticationFailedWithoutThePassword()
    {
        const string wrong = "Wr0ng-Pa55word-Marker";
        var clock = Stopwatch.StartNew();

        var error = await _server.CallErrorAsync("ssh_open", Open(password: wrong));

        Assert.Contains($"Authentication failed for {sshd.Username}@{sshd.Host}:{sshd.Port}", error, StringComparison.Ordinal);
        Assert.Contains("password", error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Open_ClosedPort_SaysConnectionRefused()
    {
        var error = await _server.CallErrorAsync("ssh_open", Open(port: FreePort()));

        Assert.Contains("Connection refused", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_UnknownHostName_SaysItCouldNotBeResolved()
    {
        var error = await _server.CallErrorAsync("ssh_open", Open(host: "no-such-host.invalid"));

        Assert.Contains("Unknown host name 'no-such-host.invalid': it is not in ~/.ssh/config and DNS does not know it", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_SilentPort_TimesOutWithinTheDeadline()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var arguments = Open(port: port);
        arguments["connectTimeoutMs"] = 1000;
        var clock = Stopwatch.StartNew();

        var error = await _server.CallErrorAsync("ssh_open", arguments);

        Assert.Contains("did not finish within 1 s", error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Open_NoCredentials_SaysWhatToPassWithoutConnecting()
    {
        var arguments = Open(port: FreePort());
        arguments.Remove("password");

        var error = await _server.CallErrorAsync("ssh_open", arguments);

        Assert.Contains("No credentials", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_BadPort_RefusedBeforeConnecting()
    {
        var error = await _server.CallErrorAsync("ssh_open", Open(port: 70000));

        Assert.Contains("port must be between 1 and 65535", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_PrivateKeyText_LogsIn()
    {
        var open = await _server.CallAsync<SshMcp.Server.Tools.OpenResult>("ssh_open", new Dictionary<string, object?>
        {
            ["host"] = sshd.Host,
            ["port"] = sshd.Port,
            ["username"] = sshd.Username,
            ["privateKey"] = sshd.PrivateKeyText,
        });

        Assert.Equal($"{sshd.Username}\n", (await _server.ExecAsync(open.SessionId, "id -un")).Stdout);
        Assert.Equal(sshd.HostKeyFingerprintSha256, open.HostKeyFingerprint);
    }

    [Fact]
    public async Task Open_GarbageKey_SaysTheFormatIsUnreadable()
    {
        var error = await _server.CallErrorAsync("ssh_open", new Dictionary<string, object?>
        {
            ["host"] = sshd.Host,
            ["port"] = sshd.Port,
            ["username"] = sshd.Username,
            ["privateKey"] = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----\n",
        });

        Assert.Contains("not in a format that can be read", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_DoNotDisturbAnOpenSession()
    {
        var session = (await _server.OpenAsync(sshd)).SessionId;
        await _server.CallErrorAsync("ssh_open", Open(password: "wrong"));
        await _server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = "nope", ["command"] = "true" });

        Assert.Equal("alive\n", (await _server.ExecAsync(session, "echo alive")).Stdout);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
