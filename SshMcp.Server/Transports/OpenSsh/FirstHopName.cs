using System.Net;
using System.Net.Sockets;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// Looks up the first hop's name before ssh starts, as the sshnet transport does: a name nobody knows is the first
/// thing to say, before any missing credential, and in the same words (the alias, its HostName, the jump host).
/// ssh looks it up again itself; only the first hop is resolved here, the later ones are their jump hosts' to resolve.
/// </summary>
internal static class FirstHopName
{
    public static async Task RequireKnownAsync(OpenRequest request, CancellationToken deadline, CancellationToken cancellationToken)
    {
        if (request.Route is not { } route || IPAddress.TryParse(route.Hops[0].ConnectHost, out _))
        {
            return;
        }

        var hop = route.Hops[0];
        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
        try
        {
            await Dns.GetHostAddressesAsync(hop.ConnectHost, either.Token);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain)
        {
            var failure = Failures.HostNotFound(hop.Alias, hop.Config.HostName, ex);
            throw hop.IsTarget ? failure : Failures.AtJumpHost(hop.Label, $"'{route.Target.Alias}'", failure);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failures.ConnectTimeout(hop.Config.HostName, hop.Config.Port, request.ConnectTimeout);
        }
    }
}
