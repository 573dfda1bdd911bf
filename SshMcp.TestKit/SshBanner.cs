using System.Net.Sockets;
using System.Text;

namespace SshMcp.TestKit;

/// <summary>Reads the identification line an SSH server sends first ("SSH-2.0-OpenSSH_9.2p1 ...").</summary>
public static class SshBanner
{
    private const int MaxLength = 255; // RFC 4253 §4.2

    public static async Task<string> ReadAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, bounded.Token);
        var stream = client.GetStream();
        var line = new List<byte>();
        var buffer = new byte[1];
        while (line.Count < MaxLength && await stream.ReadAsync(buffer, bounded.Token) == 1 && buffer[0] != (byte)'\n')
        {
            line.Add(buffer[0]);
        }

        return Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
    }
}
