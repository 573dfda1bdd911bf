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

    public static TheoryData<string, string> EmptyCommands => TransportNames.Each("", "   \n");

    private Dictionary<string, object?> Open(string transport, int? port = null, string? host = null, string? password = null) => new()
    {
        ["host"] = host ?? sshd.Host,
        ["port"] = port ?? sshd.Port,
        ["username"] = sshd.Username,
        ["password"] = password ?? sshd.Password,
        ["transport"] = transport,
    };

    [Fact]
    public async Task Exec_UnknownSession_SaysNotFoundAndWhatToDo()
    {
        var error = await _server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = "s0000000000000000", ["command"] = "true" });

        Assert.Contains("No open session 's0000000000000000'", error, StringComparison.Ordinal);
        Assert.Contains("ssh_open", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EmptyCommands))]
    public async Task Exec_EmptyCommand_SaysSo(string command, string transport)
    {
        var session = (await _server.OpenAsync(sshd, transport)).SessionId;

        var error = await _server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = command });

        Assert.Contains("command is empty", error, StringComparison.Ordinal);
        Assert.Equal("still\n", (await _server.ExecAsync(session, "echo still")).Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_CommandOverTheLimit_RefusedWithTheLimit(string transport)
    {
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:MaxCommandBytes"] = "1000" });
        var session = (await server.OpenAsync(sshd, transport)).SessionId;

        var error = await server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = new string('x', 1001) });

        Assert.Contains("1001 bytes, more than the 1000 allowed", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_WrongPassword_SaysAuthenticationFailedWithoutThePassword(string transport)
    {
        const string wrong = "Wr0ng-Pa55word-Marker";
        var clock = Stopwatch.StartNew();

        var error = await _server.CallErrorAsync("ssh_open", Open(transport, password: wrong));

        Assert.Contains($"Authentication failed for {sshd.Username}@{sshd.Host}:{sshd.Port}", error, StringComparison.Ordinal);
        Assert.Contains("password", error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_ClosedPort_SaysConnectionRefused(string transport)
    {
        var error = await _server.CallErrorAsync("ssh_open", Open(transport, port: FreePort()));

        Assert.Contains("Connection refused", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_UnknownHostName_SaysNeitherConfigNorDnsKnowsIt(string transport)
    {
        var error = await _server.CallErrorAsync("ssh_open", Open(transport, host: "no-such-host.invalid"));

        Assert.Contains("'no-such-host.invalid' is not in ~/.ssh/config and DNS does not know it", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_SilentPort_TimesOutWithinTheDeadline(string transport)
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var arguments = Open(transport, port: port);
        arguments["connectTimeoutMs"] = 1000;
        var clock = Stopwatch.StartNew();

        var error = await _server.CallErrorAsync("ssh_open", arguments);

        Assert.Contains("did not finish within 1 s", error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_NoCredentials_SaysWhatToPassWithoutConnecting(string transport)
    {
        var arguments = Open(transport, port: FreePort());
        arguments.Remove("password");

        var error = await _server.CallErrorAsync("ssh_open", arguments);

        Assert.Contains("No credentials", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_BadPort_RefusedBeforeConnecting(string transport)
    {
        var error = await _server.CallErrorAsync("ssh_open", Open(transport, port: 70000));

        Assert.Contains("port must be between 1 and 65535", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_PrivateKeyText_LogsIn(string transport)
    {
        var open = await _server.CallAsync<SshMcp.Server.Tools.OpenResult>("ssh_open", new Dictionary<string, object?>
        {
            ["host"] = sshd.Host,
            ["port"] = sshd.Port,
            ["username"] = sshd.Username,
            ["privateKey"] = sshd.PrivateKeyText,
            ["transport"] = transport,
        });

        Assert.Equal($"{sshd.Username}\n", (await _server.ExecAsync(open.SessionId, "id -un")).Stdout);
        Assert.Equal(sshd.HostKeyFingerprintSha256, open.HostKeyFingerprint);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_GarbageKey_SaysTheFormatIsUnreadable(string transport)
    {
        var error = await _server.CallErrorAsync("ssh_open", new Dictionary<string, object?>
        {
            ["host"] = sshd.Host,
            ["port"] = sshd.Port,
            ["username"] = sshd.Username,
            ["privateKey"] = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----\n",
            ["transport"] = transport,
        });

        Assert.Contains("not in a format that can be read", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Failures_DoNotDisturbAnOpenSession(string transport)
    {
        var session = (await _server.OpenAsync(sshd, transport)).SessionId;
        await _server.CallErrorAsync("ssh_open", Open(transport, password: "wrong"));
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
