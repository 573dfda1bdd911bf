using System.Net;
using System.Net.Sockets;

namespace SshMcp.Server.Ssh.Routes;

/// <summary>
/// Looks the first hop's name up before anything else, as ssh does: a name nobody knows is the first thing to say,
/// before any missing credential. Both transports ask here and so say it in the same words; the client connecting
/// afterwards looks the name up again itself.
/// </summary>
internal static class HopName
{
    /// <param name="hop">The hop: its <see cref="RouteHop.ConnectHost"/> is looked up (an address needs no lookup), and
    /// the failure names its alias and HostName.</param>
    /// <param name="timeout">The open's connect timeout, named when the deadline ends the lookup.</param>
    public static async Task RequireKnownAsync(RouteHop hop, TimeSpan timeout, CancellationToken deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hop);
        if (IPAddress.TryParse(hop.ConnectHost, out _))
        {
            return;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
        try
        {
            await Dns.GetHostAddressesAsync(hop.ConnectHost, either.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var (host, port) = (hop.Config.HostName, hop.Config.Port);
            throw ex switch
            {
                SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => Failures.HostNotFound(hop.Alias, host, ex),
                OperationCanceledException => Failures.ConnectTimeout(host, port, timeout),
                _ => Failures.CouldNotConnect(host, port, ex.Message, ex),
            };
        }
    }
}
