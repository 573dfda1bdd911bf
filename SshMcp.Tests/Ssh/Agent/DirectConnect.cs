using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SshMcp.Server.Ssh;
using SshMcp.Server.Transports;
using SshMcp.Server.Transports.SshNet;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh.Agent;

/// <summary>
/// Opens a connection through the server's own transports: with ssh_config identities given directly, as the config
/// resolver hands them over, or with the fixture's password.
/// </summary>
internal static class DirectConnect
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>Connects with no credential of the call's own and returns the remote user's name.</summary>
    public static async Task<string> WhoAmIAsync(McpServerHarness server, SshdFixture sshd, ConfiguredIdentities identities, string? passphrase = null)
    {
        using var deadline = new CancellationTokenSource(Bound);
        var connected = await Transport(server).ConnectAsync(Request(sshd, identities, passphrase), deadline.Token, CancellationToken.None);
        await using var connection = connected.Connection;
        var result = await connection.RunAsync("id -un", Encoding.UTF8.GetBytes(""), Bound, CancellationToken.None);
        return result.Stdout.Trim();
    }

    /// <summary>Connects as <see cref="WhoAmIAsync"/> does, expecting a failure; returns it.</summary>
    public static async Task<SshFailureException> FailureAsync(McpServerHarness server, SshdFixture sshd, ConfiguredIdentities identities)
    {
        using var deadline = new CancellationTokenSource(Bound);
        return await Assert.ThrowsAsync<SshFailureException>(
            () => Transport(server).ConnectAsync(Request(sshd, identities, null), deadline.Token, CancellationToken.None));
    }

    /// <summary>Connects through <paramref name="transport"/> with the fixture's password, as ssh_open would, without a session on top.</summary>
    public static async Task<ISshConnection> WithPasswordAsync(McpServerHarness server, SshdFixture sshd, string transport, CancellationToken deadline)
    {
        var request = new OpenRequest(sshd.Host, sshd.Port, sshd.Username, sshd.Password, null, null, null, null, Bound).Routed();
        return (await Transport(server, transport).ConnectAsync(request, deadline, CancellationToken.None)).Connection;
    }

    private static ISshTransport Transport(McpServerHarness server, string name = SshNetTransport.TransportName) =>
        server.Services.GetServices<ISshTransport>().Single(t => t.Name == name);

    private static OpenRequest Request(SshdFixture sshd, ConfiguredIdentities identities, string? passphrase) =>
        new OpenRequest(sshd.Host, sshd.Port, sshd.Username, null, null, null, passphrase, null, Bound) { Identities = identities }.Routed();
}
