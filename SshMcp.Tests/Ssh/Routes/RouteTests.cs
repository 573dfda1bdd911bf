using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh.Routes;

/// <summary>
/// <c>ssh_open {"host": "prod"}</c> alone opens through the ssh config, the agent, ProxyJump and a certificate, as
/// <c>ssh prod</c> would; the bastion's own log proves the route. Each transport runs the same tests.
/// </summary>
[Collection(RouteCollection.Name)]
public sealed partial class RouteTests(RouteFixture fixture)
{
    private static readonly TimeSpan LogDeadline = TimeSpan.FromSeconds(10);

    /// <summary>The transports that follow routes.</summary>
    public static TheoryData<string> Transports => new() { "sshnet", "openssh" };

    public static TheoryData<string, string> TransportsAndResolvers => new()
    {
        { "sshnet", "ssh" },
        { "sshnet", "builtin" },
        { "openssh", "ssh" },
        { "openssh", "builtin" },
    };

    [Theory]
    [MemberData(nameof(TransportsAndResolvers))]
    public async Task Open_AliasAlone_OpensThroughConfigAgentJumpAndCertificate(string transport, string resolver)
    {
        await using var server = await fixture.StartServerAsync(Settings(transport, resolver));

        var open = await server.CallAsync<OpenResult>(ToolNames.Open, Host("prod"));
        var exec = await server.ExecAsync(open.SessionId, "id -un; echo \"$SSH_CONNECTION\"");

        Assert.Equal(("127.0.0.1", fixture.Target.Port, fixture.User, transport), (open.Host, open.Port, open.Username, open.Transport));
        Assert.Equal(fixture.User, exec.Stdout.Split('\n')[0]);
        Assert.True(await ForwardedAsync(fixture.Bastion, fixture.Target.Port), $"bastion log: {fixture.Bastion.SshdLog}");
        Assert.False(FromThisServer(ClientSocketOwners(exec.Stdout)), "the target's connection comes from this machine, not the bastion");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_JumpChain_GoesThroughEachBastionInTurn(string transport)
    {
        await using var server = await fixture.StartServerAsync(Settings(transport));

        var open = await server.CallAsync<OpenResult>(ToolNames.Open, Host("prod-chain"));

        Assert.Equal($"{fixture.User}\n", (await server.ExecAsync(open.SessionId, "id -un")).Stdout);
        Assert.True(await ForwardedAsync(fixture.Bastion, fixture.SecondBastion.Port), $"bastion log: {fixture.Bastion.SshdLog}");
        Assert.True(await ForwardedAsync(fixture.SecondBastion, fixture.Target.Port), $"bastion2 log: {fixture.SecondBastion.SshdLog}");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_ProxyJumpNone_ConnectsDirectly(string transport)
    {
        await using var server = await fixture.StartServerAsync(Settings(transport));

        var open = await server.CallAsync<OpenResult>(ToolNames.Open, Host("prod-direct"));
        var exec = await server.ExecAsync(open.SessionId, "echo \"$SSH_CONNECTION\"");

        Assert.Equal(fixture.Target.Port, open.Port);
        Assert.True(FromThisServer(ClientSocketOwners(exec.Stdout)), "the target's connection does not come from this server");
    }

    [Fact]
    public async Task Open_SshNetThroughJump_LeavesNoListeningPortAndTheSessionKeepsWorking()
    {
        await using var server = await fixture.StartServerAsync(Settings("sshnet"));

        var open = await server.CallAsync<OpenResult>(ToolNames.Open, Host("prod"));
        var forwardPort = int.Parse(ForwardingLine().Match(string.Join('\n', server.Logs.Lines)).Groups[1].Value, CultureInfo.InvariantCulture);

        Assert.False(SocketOwners.IsListening(forwardPort));
        var refused = Assert.Throws<SocketException>(() => new TcpClient().Connect("127.0.0.1", forwardPort));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Equal("20000\n", (await server.ExecAsync(open.SessionId, "seq 1 20000 | wc -l | tr -d ' '")).Stdout);
        Assert.Equal("still\n", (await server.ExecAsync(open.SessionId, "echo still")).Stdout);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Close_ThroughJump_ClosesTheJumpHostsConnectionToo(string transport)
    {
        await using var server = await fixture.StartServerAsync(Settings(transport));
        var open = await server.CallAsync<OpenResult>(ToolNames.Open, Host("prod"));
        Assert.NotEmpty(BastionConnections());

        await server.CloseAsync(open.SessionId);

        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(BastionConnections().Count == 0), LogDeadline, default), "the bastion still holds a connection");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_CallsUserAndPort_BeatTheConfig(string transport)
    {
        await using var server = await fixture.StartServerAsync(Settings(transport));

        var error = await server.CallErrorAsync(ToolNames.Open, new Dictionary<string, object?> { ["host"] = "prod-direct", ["username"] = "nobody-here", ["port"] = fixture.Target.Port });

        Assert.Contains($"nobody-here@127.0.0.1:{fixture.Target.Port}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_Alias_AuditEndRecordSaysWhereTheSessionReallyIs()
    {
        var audit = Path.Combine(fixture.Config.Root, $"audit-{Guid.NewGuid():N}", "audit.log");
        var settings = Settings("sshnet");
        settings["SshMcp:Audit:Path"] = audit;
        await using (var server = await fixture.StartServerAsync(settings))
        {
            await server.CallAsync<OpenResult>(ToolNames.Open, Host("prod"));
        }

        var records = File.ReadAllLines(audit).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.Equal("prod", records[0].GetProperty("host").GetString());
        Assert.False(records[0].TryGetProperty("port", out _), "the call named no port");
        Assert.Equal($"{fixture.User}@127.0.0.1:{fixture.Target.Port}", $"{records[1].GetProperty("user")}@{records[1].GetProperty("host")}:{records[1].GetProperty("port")}");
    }

    internal static Dictionary<string, string?> Settings(string transport, string resolver = "auto") =>
        new() { ["SshMcp:Transport"] = transport, ["SshMcp:SshConfigResolver"] = resolver };

    internal static Dictionary<string, object?> Host(string alias) => new() { ["host"] = alias };

    /// <summary>Polls the sshd's log for its DEBUG1 line about a forwarded connection to 127.0.0.1:<paramref name="port"/>.</summary>
    internal static Task<bool> ForwardedAsync(SshdFixture bastion, int port) =>
        Poll.UntilAsync(
            _ => Task.FromResult(Regex.IsMatch(bastion.SshdLog, $@"server_request_direct_tcpip: originator 127\.0\.0\.1 port \d+, target 127\.0\.0\.1 port {port.ToString(CultureInfo.InvariantCulture)}\b")),
            LogDeadline,
            default);

    /// <summary>Which local processes hold the socket the target saw its client connect from (SSH_CONNECTION's port).</summary>
    private static IReadOnlySet<int> ClientSocketOwners(string output)
    {
        var connection = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(' ');
        return SocketOwners.WithEstablishedLocalPort(int.Parse(connection[1], CultureInfo.InvariantCulture));
    }

    /// <summary>This server's process (sshnet), or a process it started (openssh: the session's master).</summary>
    private static bool FromThisServer(IReadOnlySet<int> owners) =>
        owners.Any(pid => pid == Environment.ProcessId || ParentOf(pid) == Environment.ProcessId);

    private static int ParentOf(int pid)
    {
        try
        {
            // "PID (COMM) STATE PPID ...": COMM may hold spaces, so count from its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private List<int> BastionConnections() =>
        [.. SocketOwners.WithEstablishedLocalPort(fixture.Bastion.Port).Where(pid => pid != Environment.ProcessId && SocketOwners.IsAlive(pid))];

    [GeneratedRegex(@"\[3402\] Reaching prod through bastion: listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ForwardingLine();
}
