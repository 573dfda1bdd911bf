using Microsoft.Extensions.DependencyInjection;
using SshMcp.Server.Ssh;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh.Agent;

/// <summary>
/// Opens a connection through the server's own <see cref="SshConnector"/> with ssh_config identities, which no tool
/// argument carries yet (the config resolver will hand them over).
/// </summary>
internal static class DirectConnect
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>Connects with no credential of the call's own and returns the remote user's name.</summary>
    public static async Task<string> WhoAmIAsync(McpServerHarness server, SshdFixture sshd, ConfiguredIdentities identities, string? passphrase = null)
    {
        using var deadline = new CancellationTokenSource(Bound);
        var connected = await server.Services.GetRequiredService<SshConnector>().ConnectAsync(Request(sshd, identities, passphrase), TimeSpan.Zero, deadline.Token);
        using var client = connected.Client;
        return (await SshTestClient.RunAsync(client, "id -un")).Trim();
    }

    /// <summary>Connects as <see cref="WhoAmIAsync"/> does, expecting a failure; returns it.</summary>
    public static async Task<SshFailureException> FailureAsync(McpServerHarness server, SshdFixture sshd, ConfiguredIdentities identities)
    {
        using var deadline = new CancellationTokenSource(Bound);
        return await Assert.ThrowsAsync<SshFailureException>(
            () => server.Services.GetRequiredService<SshConnector>().ConnectAsync(Request(sshd, identities, null), TimeSpan.Zero, deadline.Token));
    }

    private static OpenRequest Request(SshdFixture sshd, ConfiguredIdentities identities, string? passphrase) =>
        new(sshd.Host, sshd.Port, sshd.Username, null, null, null, passphrase, null, Bound) { Identities = identities };
}
