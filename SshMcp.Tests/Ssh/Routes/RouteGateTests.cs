using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SshMcp.Server.Principals;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Routes;
using SshMcp.Server.Tools;

namespace SshMcp.Tests.Ssh.Routes;

/// <summary>
/// The hop gate (where an allow list plugs in) sees every hop in connect order before any is connected, and its answer
/// is where the first hop's TCP connection goes. And the short-lived forwarding port of sshnet refuses to carry an open
/// when another local process got to it too.
/// </summary>
[Collection(RouteCollection.Name)]
public sealed partial class RouteGateTests(RouteFixture fixture)
{
    [Theory]
    [MemberData(nameof(RouteTests.Transports), MemberType = typeof(RouteTests))]
    public async Task Open_GateRefusesAHop_NothingAfterItIsAskedAndTheRefusalIsTheError(string transport)
    {
        var gate = new RecordingGate(refuse: "bastion2");
        await using var server = await fixture.StartServerAsync(RouteTests.Settings(transport), services => services.AddSingleton<IHopGate>(gate));

        var error = await server.CallErrorAsync(ToolNames.Open, RouteTests.Host("prod-chain"));

        Assert.Contains("bastion2 is not allowed here", error, StringComparison.Ordinal);
        Assert.Equal(["bastion (jump host 0, direct)", "bastion2 (jump host 1, through a jump)"], gate.Asked);
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains("[3402]", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RouteTests.Transports), MemberType = typeof(RouteTests))]
    public async Task Open_GateAnswersAnAddress_TheFirstHopConnectsThere(string transport)
    {
        // A HostName nobody can resolve: only the gate's answer can make the connection.
        fixture.AddHosts("gated", "Host bastion-gated\n    HostName bastion.invalid\n    Port {bastion}\n\nHost prod-gated\n    ProxyJump bastion-gated\n    HostName 127.0.0.1\n    Port {target}\n");
        var gate = new RecordingGate(answer: ("bastion.invalid", "127.0.0.1"));
        await using var server = await fixture.StartServerAsync(RouteTests.Settings(transport), services => services.AddSingleton<IHopGate>(gate));

        var open = await server.CallAsync<OpenResult>(ToolNames.Open, RouteTests.Host("prod-gated"));

        Assert.Equal($"{fixture.User}\n", (await server.ExecAsync(open.SessionId, "id -un")).Stdout);
        Assert.Equal(["bastion-gated (jump host 0, direct)", "prod-gated (target 1, through a jump)"], gate.Asked);
    }

    [Theory]
    [MemberData(nameof(RouteTests.Transports), MemberType = typeof(RouteTests))]
    public async Task Open_AllowListWithoutTheTargetBehindAJump_RefusedBeforeTheJumpHostIsConnected(string transport)
    {
        var settings = RouteTests.Settings(transport);
        settings["SshMcp:AllowedTargets"] = $"127.0.0.1:{fixture.Bastion.Port}";
        await using var server = await fixture.StartServerAsync(settings);

        var error = await server.CallErrorAsync(ToolNames.Open, RouteTests.Host("prod"));

        Assert.Contains($"host prod (HostName 127.0.0.1) port {fixture.Target.Port} is not in SshMcp:AllowedTargets", error, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains("Authentication", StringComparison.Ordinal) || line.Contains("[3402]", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RouteTests.Transports), MemberType = typeof(RouteTests))]
    public async Task Open_AllowListWithEveryHop_Opens(string transport)
    {
        var settings = RouteTests.Settings(transport);
        settings["SshMcp:AllowedTargets"] = $"127.0.0.1:{fixture.Bastion.Port},{fixture.Target.Port}";
        await using var server = await fixture.StartServerAsync(settings);

        var open = await server.CallAsync<OpenResult>(ToolNames.Open, RouteTests.Host("prod"));

        Assert.Equal($"{fixture.User}\n", (await server.ExecAsync(open.SessionId, "id -un")).Stdout);
    }

    [Fact]
    public async Task Open_SshNetForwardingPortTakenByAnotherProcess_Refused()
    {
        using var interloper = new Interloper();
        await using var server = await fixture.StartServerAsync(RouteTests.Settings("sshnet"), configure: builder => builder.Logging.AddProvider(interloper));

        var error = await server.CallErrorAsync(ToolNames.Open, RouteTests.Host("prod"));

        Assert.Equal(1, interloper.Connections);
        Assert.Contains("Another local process connected to the temporary loopback port that forwarded through jump host 'bastion'", error, StringComparison.Ordinal);
    }

    /// <summary>Records each hop it is asked about; refuses one alias, or answers an address for one HostName.</summary>
    private sealed class RecordingGate(string? refuse = null, (string HostName, string Address)? answer = null) : IHopGate
    {
        private readonly ConcurrentQueue<string> _asked = new();

        public IReadOnlyList<string> Asked => [.. _asked];

        public ValueTask<string> ApproveAsync(Principal owner, RouteHop hop, CancellationToken cancellationToken)
        {
            _asked.Enqueue($"{hop.Alias} ({(hop.IsTarget ? "target" : "jump host")} {hop.Index}, {(hop.ThroughJump ? "through a jump" : "direct")})");
            if (hop.Alias == refuse)
            {
                throw new SshFailureException($"{hop.Alias} is not allowed here");
            }

            return ValueTask.FromResult(answer is { } a && a.HostName == hop.Config.HostName ? a.Address : hop.Config.HostName);
        }
    }

    /// <summary>Another local process, played by a logger: it connects to the forwarding port as soon as the log names it.</summary>
    private sealed partial class Interloper : ILoggerProvider, ILogger
    {
        private readonly ConcurrentBag<TcpClient> _clients = [];

        public int Connections => _clients.Count;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 3402 && PortOf().Match(formatter(state, exception)) is { Success: true } match)
            {
                var client = new TcpClient();
                client.Connect("127.0.0.1", int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                _clients.Add(client);
            }
        }

        public void Dispose()
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
        private static partial Regex PortOf();
    }
}
