using Microsoft.Extensions.Hosting;

namespace SshMcp.AppHost.Sshd;

/// <summary>
/// Deletes the local sshd's generated files (keys included) when the AppHost stops, or at the latest when its services
/// are disposed. sshd has read them long before; only a stopping listener would miss its pid file.
/// </summary>
internal sealed class LocalSshdCleanup(LocalSshdFiles files) : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        files.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => files.Dispose();
}
