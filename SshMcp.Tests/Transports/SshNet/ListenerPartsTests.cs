using System.Net.Sockets;
using Renci.SshNet;
using SshMcp.Server.Transports.SshNet;

namespace SshMcp.Tests.Transports.SshNet;

/// <summary>
/// The SSH.NET internals <see cref="ListenerParts"/> relies on are there in the SSH.NET we ship: if an upgrade renames
/// them, this fails (and the forward falls back to disposing the port, which a racing connection can crash).
/// </summary>
public sealed class ListenerPartsTests
{
    [Fact]
    public void TryStop_ShippedSshNet_FindsTheStatusAndListenerAndLeavesThePortStopped()
    {
        using var port = new ForwardedPortLocal("127.0.0.1", 0, "127.0.0.1", 22);

        Assert.True(ListenerParts.TryStop(port));
        Assert.False(port.IsStarted);
    }

    [Fact]
    public void TryStop_ListeningSocketOfAPort_IsClosed()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(1);
        using var port = new ForwardedPortLocal("127.0.0.1", 0, "127.0.0.1", 22);
        typeof(ForwardedPortLocal).GetField("_listener", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(port, listener);
        var boundPort = ((System.Net.IPEndPoint)listener.LocalEndPoint!).Port;

        Assert.True(ListenerParts.TryStop(port));
        Assert.Throws<SocketException>(() => new TcpClient().Connect(System.Net.IPAddress.Loopback, boundPort));
    }
}
