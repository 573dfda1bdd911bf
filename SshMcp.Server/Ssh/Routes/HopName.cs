using System.Net;
using System.Net.Sockets;

namespace SshMcp.Server.Ssh.Routes;

/// <summary>
/// Looks a hop's name up before anything else, as ssh does: a name nobody knows is the first thing to say, before any
/// missing credential. Each transport says it in its own words (<paramref name="translate"/>); the client connecting
/// afterwards looks the name up again itself.
/// </summary>
internal static class HopName
{
    /// <param name="host">Where the hop's TCP connection goes; an address needs no lookup.</param>
    /// <param name="translate">The failure for a lookup that failed (a <see cref="SocketException"/>) or ran out of time.</param>
    public static async Task RequireKnownAsync(string host, Func<Exception, SshFailureException> translate, CancellationToken deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(translate);
        if (IPAddress.TryParse(host, out _))
        {
            return;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
        try
        {
            await Dns.GetHostAddressesAsync(host, either.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw translate(ex);
        }
    }
}
