using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SshMcp.Server.Tools;
using SshMcp.Tests.Http;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Targets;

/// <summary>
/// The allow list on the real connect path: a refused target answers with the setting to change and no TCP connection
/// is made (a listener on the target's port sees nothing); an allowed one opens against the real sshd.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class TargetAllowListConnectTests(SshdFixture sshd)
{
    [Theory]
    [InlineData("127.0.0.1", "host 127.0.0.1 port {0} is not in SshMcp:AllowedTargets; ask the operator to add it.")]
    [InlineData("localhost", "host localhost (127.0.0.1) port {0} is not in SshMcp:AllowedTargets; ask the operator to add it.")]
    public async Task Open_TargetOutsideTheList_FailsWithTheSettingAndConnectsNothing(string host, string expected)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:AllowedTargets"] = "10.0.0.0/8; *.example.com" });

        var error = await server.CallErrorAsync(ToolNames.Open, new Dictionary<string, object?>
        {
            ["host"] = host,
            ["port"] = port,
            ["username"] = sshd.Username,
            ["password"] = sshd.Password,
        });

        Assert.Contains(string.Format(CultureInfo.InvariantCulture, expected, port), error, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "no TCP connection may reach a refused target");
        Assert.Contains(server.Logs.Lines, l => l.Contains("[1200]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.0/8:{0}", "127.0.0.1")]
    [InlineData("localhost:{0}", "localhost")]
    public async Task Open_TargetOnTheList_Opens(string entry, string host)
    {
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["SshMcp:AllowedTargets"] = string.Format(CultureInfo.InvariantCulture, entry, sshd.Port),
        });

        var opened = await server.OpenAsync(sshd, new Dictionary<string, object?> { ["host"] = host });

        Assert.Equal(host, opened.Host);
        Assert.Equal("ok\n", (await server.ExecAsync(opened.SessionId, "echo ok")).Stdout);
    }

    [Fact]
    public async Task Open_OverHttpWithPerPrincipalLists_AllowsOnePrincipalAndRefusesTheOther()
    {
        var settings = HttpSessionOwnershipTests.NamedTokens();
        settings["SshMcp:AllowedTargets"] = "*.example.com";
        settings["SshMcp:AllowedTargetsByPrincipal:alice"] = $"127.0.0.1:{sshd.Port}";
        await using var server = await HttpServerHarness.StartAsync(settings);
        var alice = await server.ConnectAsync(HttpSessionOwnershipTests.AliceToken);
        var bob = await server.ConnectAsync(HttpSessionOwnershipTests.BobToken);

        var opened = await alice.OpenAsync(sshd);
        var refused = await bob.CallErrorAsync(ToolNames.Open, TestMcpClient.OpenArguments(sshd));

        Assert.Equal(0, (await alice.ExecAsync(opened.SessionId, "true")).ExitCode);
        Assert.Contains($"host 127.0.0.1 port {sshd.Port} is not in SshMcp:AllowedTargets; ask the operator to add it.", refused, StringComparison.Ordinal);
    }
}
