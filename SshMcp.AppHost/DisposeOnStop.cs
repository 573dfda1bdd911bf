using Microsoft.Extensions.Hosting;

namespace SshMcp.AppHost;

/// <summary>
/// Deletes what a local resource generated (the sshd's keys, Redis's directory) when the AppHost stops, or at the
/// latest when its services are disposed. The resource read its files long before.
/// </summary>
internal sealed class DisposeOnStop(IDisposable generated) : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        generated.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => generated.Dispose();
}
