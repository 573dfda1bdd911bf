using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Diagnostics;
using SshMcp.Server.Options;

namespace SshMcp.Server.Sessions;

/// <summary>
/// Closes sessions left idle longer than <see cref="SshMcpOptions.IdleTimeout"/> and removes sessions whose shell or
/// connection has ended. Runs on the injected <see cref="TimeProvider"/> so tests can move time.
/// </summary>
internal sealed class IdleSessionReaper(
    SessionRegistry registry,
    IOptions<SshMcpOptions> options,
    TimeProvider time,
    ILogger<IdleSessionReaper> logger) : BackgroundService
{
    /// <summary>One sweep: exposed for tests and called by the timer loop.</summary>
    public async Task SweepAsync()
    {
        var idleLimit = options.Value.IdleTimeout;
        foreach (var session in registry.All())
        {
            if (session.HasEnded)
            {
                await registry.RemoveAsync(session, "shell or connection ended");
            }
            else if (!session.IsBusy && session.IdleTime >= idleLimit)
            {
                Log.SessionIdle(logger, session.LogRef, (long)session.IdleTime.TotalMinutes);
                await registry.RemoveAsync(session, "idle");
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Sweep often enough that a session never outlives its idle limit by more than a tenth of it (at most a minute).
        var period = TimeSpan.FromTicks(Math.Clamp(options.Value.IdleTimeout.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host is stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Graceful shutdown: every shell and its processes end with the server.
        await registry.DisposeAsync();
    }
}
