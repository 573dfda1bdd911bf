using System.Net;
using System.Net.Sockets;

namespace SshMcp.TestKit;

/// <summary>Free TCP ports on 127.0.0.1, as the kernel hands them out (a child process may still lose the race).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
