using System.Net;
using System.Net.Sockets;
using SshMcp.Server.Transports.SshNet;

namespace SshMcp.Tests.Transports.SshNet;

/// <summary>The kernel's count of connections to a loopback port, which sees a connection SSH.NET's listener has not reported.</summary>
public sealed class ConnectOnlyForwardTests
{
    [Fact]
    public void EstablishedTo_TwoClientsOneAccepted_CountsBoth()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Assert.Equal(0, ConnectOnlyForward.EstablishedTo(port));
            using var first = new TcpClient();
            first.Connect(IPAddress.Loopback, port);
            using var accepted = listener.AcceptTcpClient();
            using var second = new TcpClient();
            second.Connect(IPAddress.Loopback, port);

            Assert.Equal(2, ConnectOnlyForward.EstablishedTo(port));
        }
        finally
        {
            listener.Stop();
        }
    }
}
