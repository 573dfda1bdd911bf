namespace SshMcp.Bench.Server;

/// <summary>
/// The peak RSS of a process over a stretch of work: VmHWM is reset at the start and read at the end (exact), with
/// RSS sampled every few milliseconds as a cross-check where the reset is refused.
/// </summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    private readonly int _pid;
    private readonly bool _peakReset;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _sampledPeak;

    private RssSampler(int pid)
    {
        _pid = pid;
        Baseline = ProcessMemory.Rss(pid);
        _peakReset = ProcessMemory.ResetPeak(pid);
        _sampledPeak = Baseline;
        _loop = SampleAsync();
    }

    public long Baseline { get; }

    public static RssSampler Start(int pid) => new(pid);

    /// <summary>Stops sampling and returns the peak RSS seen during the stretch, in bytes.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        var peak = Math.Max(_sampledPeak, ProcessMemory.Rss(_pid));
        return _peakReset ? Math.Max(peak, ProcessMemory.Peak(_pid)) : peak;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                _sampledPeak = Math.Max(_sampledPeak, ProcessMemory.Rss(_pid));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
