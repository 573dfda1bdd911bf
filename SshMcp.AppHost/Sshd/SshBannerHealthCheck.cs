using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SshMcp.AppHost.Sshd;

/// <summary>
/// Healthy once the endpoint serves an SSH identification line (<c>SSH-2.0-…</c>), not merely accepts TCP. The probe
/// answers with its own identification before it hangs up, so sshd logs one line per probe, not a failed exchange.
/// </summary>
internal sealed class SshBannerHealthCheck(string host, EndpointReference endpoint) : IHealthCheck
{
    private static readonly TimeSpan AttemptBound = TimeSpan.FromSeconds(2);
    private static readonly byte[] Identification = "SSH-2.0-SshMcpHealthCheck\r\n"u8.ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("The ssh endpoint has no port yet.");
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(AttemptBound);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, endpoint.Port, bounded.Token);
            var buffer = new byte[256];
            var stream = client.GetStream();
            var read = await stream.ReadAsync(buffer, bounded.Token);
            await stream.WriteAsync(Identification, bounded.Token);
            var banner = Encoding.ASCII.GetString(buffer, 0, read).Split('\n')[0].Trim();
            return banner.StartsWith("SSH-", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy(banner)
                : HealthCheckResult.Unhealthy($"{host}:{endpoint.Port} answered, but not with an SSH banner.");
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy($"No SSH banner from {host}:{endpoint.Port} yet: {ex.Message}");
        }
    }
}
