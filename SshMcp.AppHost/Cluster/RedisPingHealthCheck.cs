using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SshMcp.AppHost.Cluster;

/// <summary>Healthy once Redis answers PING with PONG, not merely accepts TCP.</summary>
internal sealed class RedisPingHealthCheck(int port) : IHealthCheck
{
    private static readonly TimeSpan AttemptBound = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(AttemptBound);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, bounded.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), bounded.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, bounded.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"127.0.0.1:{port} answered, but not PONG.");
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy($"No PONG from 127.0.0.1:{port} yet: {ex.Message}");
        }
    }
}
