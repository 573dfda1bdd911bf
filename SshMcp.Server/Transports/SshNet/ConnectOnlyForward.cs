using Renci.SshNet;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>
/// A <c>direct-tcpip</c> channel through a jump host for the next hop's client, whose listening socket lives only while
/// that client connects. SSH.NET 2026.0.0 takes neither a stream nor a socket for a client (it always dials its own TCP
/// socket) and opens <c>direct-tcpip</c> channels only through <see cref="ForwardedPortLocal"/>, whose <c>Stop()</c>
/// closes every channel it opened (it raises <c>Closing</c>, and each channel then closes its socket). Disposing the
/// port while its <c>StopPort</c> is kept from running closes only the listening socket: the channel already accepted
/// stays with the jump host's session until the next hop's client closes its end. <c>RouteTests</c> checks both halves
/// on the real sshd: the session keeps working, and no listening socket remains.
/// </summary>
internal sealed class ConnectOnlyForward : ForwardedPortLocal
{
    private const string Loopback = "127.0.0.1";

    private readonly SshClient _jump;
    private int _accepted;
    private int _listenerClosed;

    private ConnectOnlyForward(SshClient jump, string host, int port)
        : base(Loopback, 0, host, (uint)port)
    {
        _jump = jump;
        RequestReceived += (_, _) => Interlocked.Increment(ref _accepted);
    }

    /// <summary>The loopback port the next hop's client connects to.</summary>
    public int LocalPort => (int)BoundPort;

    /// <summary>How many connections the listener took; more than one means another local process connected too.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>
    /// Whether more than one connection reached the port. SSH.NET's listener cannot say so alone: when two connections
    /// wait at once, it accepts the second while handling the first and serves it to its end before it reports the
    /// first, so an interloper that connected just before our own client may never be counted while the login runs.
    /// Where the kernel lists its sockets (Linux), the established connections to the port are counted there too.
    /// </summary>
    public bool ReachedByOthers => Accepted > 1 || EstablishedTo(LocalPort) > 1;

    /// <summary>Established TCP connections whose local end is 127.0.0.1:<paramref name="port"/> (the accepted side); 0 where /proc/net/tcp cannot be read.</summary>
    internal static int EstablishedTo(int port)
    {
        const string Established = "01";
        var local = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0100007F:{port:X4}");
        try
        {
            var count = 0;
            foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
            {
                // "  sl  local_address rem_address   st ...": the fields are separated by one or more spaces.
                var fields = line.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 4 && fields[1] == local && fields[3] == Established)
                {
                    count++;
                }
            }

            return count;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Listens on a free loopback port; each connection to it becomes a channel from <paramref name="jump"/> to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static ConnectOnlyForward Start(SshClient jump, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(jump);
        var forward = new ConnectOnlyForward(jump, host, port);
        try
        {
            jump.AddForwardedPort(forward);
            forward.Start();
            return forward;
        }
        catch
        {
            forward.CloseListener();
            throw;
        }
    }

    /// <summary>Closes the listening socket and keeps the channels already open. Idempotent.</summary>
    public void CloseListener()
    {
        if (Interlocked.Exchange(ref _listenerClosed, 1) != 0)
        {
            return;
        }

        // Marked stopped first, so that a connection accepted meanwhile is closed at once and no accept is re-armed;
        // then the listening socket goes. The port itself is not disposed: Dispose() nulls the countdown that an accept
        // in flight still takes, and SSH.NET 2026.0.0 then throws on a thread-pool thread, which ends the process (seen
        // when a second local connection raced the close). Then it is detached from the client.
        if (!ListenerParts.TryStop(this))
        {
            Dispose();
        }

        if (_jump.ForwardedPorts.Contains(this))
        {
            _jump.RemoveForwardedPort(this);
        }
    }

    protected override void StopPort(TimeSpan timeout)
    {
        // Stopping would close the channels: once the listener is being closed, nothing stops here.
        if (Volatile.Read(ref _listenerClosed) == 0)
        {
            base.StopPort(timeout);
        }
    }
}
