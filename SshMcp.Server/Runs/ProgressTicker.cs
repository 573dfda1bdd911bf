using System.Globalization;

namespace SshMcp.Server.Runs;

/// <summary>
/// Reports a running command's progress while a call waits for it: the first report one second after the start,
/// then one every <see cref="Interval"/>, which keeps clients that reset their request timeout on progress waiting
/// (they allow at least a few seconds between reports). The value must grow with every report: it is the bytes printed
/// so far plus the seconds of ticks in which nothing was printed. Owned by the call: disposing it stops the reports.
/// </summary>
internal sealed class ProgressTicker : IAsyncDisposable
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ProgressTicker(Func<(long Bytes, string LastLine)> sample, IProgress<RunProgress> progress, TimeProvider time)
    {
        _loop = LoopAsync(sample, progress, time, _stop.Token);
    }

    /// <summary>Starts reporting; null (nothing to dispose) when nobody listens.</summary>
    public static ProgressTicker? Start(Func<(long Bytes, string LastLine)> sample, IProgress<RunProgress>? progress, TimeProvider time) =>
        progress is null ? null : new ProgressTicker(sample, progress, time);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        _stop.Dispose();
    }

    private static async Task LoopAsync(Func<(long Bytes, string LastLine)> sample, IProgress<RunProgress> progress, TimeProvider time, CancellationToken stop)
    {
        var started = time.GetTimestamp();
        var next = First;
        var state = new Reckoning();
        while (true)
        {
            await Task.Delay(next, time, stop);
            next = Interval;
            var (bytes, line) = sample();
            var elapsed = time.GetElapsedTime(started);
            progress.Report(state.Next(bytes, line, elapsed));
        }
    }

    /// <summary>Turns samples into reports whose value always grows.</summary>
    internal sealed class Reckoning
    {
        private long _bytes = -1;
        private double _silentSeconds;
        private TimeSpan _last;
        private double _value = -1;

        public RunProgress Next(long bytes, string lastLine, TimeSpan elapsed)
        {
            if (bytes <= _bytes)
            {
                _silentSeconds += Math.Max(1, Math.Round((elapsed - _last).TotalSeconds));
            }

            _bytes = Math.Max(bytes, _bytes);
            _last = elapsed;
            var value = Math.Max(_bytes, 0) + _silentSeconds;
            // Reports travel as single-precision numbers: make sure the growth survives the rounding.
            _value = (float)value > (float)_value ? value : MathF.BitIncrement((float)_value);
            var message = lastLine.Length > 0
                ? lastLine
                : string.Create(CultureInfo.InvariantCulture, $"running for {(long)elapsed.TotalSeconds} s, no output yet");
            return new RunProgress(_value, message);
        }
    }
}
