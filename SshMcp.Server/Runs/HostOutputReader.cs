using System.Globalization;
using SshMcp.Server.Shell;
using SshMcp.Server.Ssh;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Runs;

/// <summary>
/// Reads a background run's output from its files on the host. A wait polls the host (a short script on a channel of
/// its own), from a tenth of a second apart up to one second apart, until new output arrives, the run ends or the wait
/// is over; meanwhile progress reports the bytes so far and the last line before the offset.
/// </summary>
internal static class HostOutputReader
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    /// <summary>A run with no PID this long after its start never started (its shell could not run it).</summary>
    private static readonly TimeSpan StartingBound = TimeSpan.FromMinutes(1);

    public static async Task<OutputChunk> ReadAsync(HostRuns host, OutputRequest request, RunMissing missing, IProgress<RunProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp() + (long)(request.Wait.TotalSeconds * time.TimestampFrequency);
        var seen = new Seen();
        await using var ticker = request.Wait > TimeSpan.Zero ? ProgressTicker.Start(seen.Sample, progress, time) : null;
        var poll = FirstPoll;
        while (true)
        {
            var (line, data) = await host.ReadAsync(request.RunId, request.Stream, request.Offset, OutputSlice.ReadSize(request.MaxBytes), cancellationToken);
            if (line is null)
            {
                throw missing.NotFound();
            }

            if (line.State == HostRunState.Removed)
            {
                throw missing.Removed(line);
            }

            var running = line.IsRunning && !(line.State == HostRunState.Starting && time.GetUtcNow() - RunIds.StartedAt(request.RunId) > StartingBound);
            var total = request.Stream == RemoteStream.Stdout ? line.StdoutBytes : line.StderrBytes;
            if (request.Offset > total)
            {
                throw Failures.OffsetPastEnd(request.RunId, SpoolOutputReader.StreamName(request.Stream), request.Offset, total, running);
            }

            if (line.Kind == "data")
            {
                var atEnd = !running && request.Offset + data.Length >= total;
                return Shape(request, line, running, total, OutputSlice.Cut(data.Span, request.MaxBytes, atEnd, request.Base64, midStream: request.Offset > 0));
            }

            var left = TimeSpan.FromSeconds((double)(deadline - time.GetTimestamp()) / time.TimestampFrequency);
            if (!running || left <= TimeSpan.Zero)
            {
                return Shape(request, line, running, total, new OutputSlice("", 0, 0, false));
            }

            seen.Update(line.StdoutBytes + line.StderrBytes, line.Kind == "tail" ? data.Span : default);
            await Task.Delay(poll < left ? poll : left, time, cancellationToken);
            poll = poll * 2 < LongestPoll ? poll * 2 : LongestPoll;
        }
    }

    private static OutputChunk Shape(OutputRequest request, HostRunLine line, bool running, long total, OutputSlice slice)
    {
        var offset = request.Offset + slice.Skipped;
        string? notice = null;
        if (slice.Binary && !request.Base64)
        {
            notice = string.Create(CultureInfo.InvariantCulture, $"Bytes {offset} to {offset + slice.Bytes} are not UTF-8 text; read them again with base64: true.");
        }
        else if (!running && line.State == HostRunState.Lost)
        {
            notice = "The run ended without an exit status: it was killed from outside, or the host restarted.";
        }

        return new OutputChunk(
            request.RunId, request.Stream, slice.Text, offset, offset + slice.Bytes, total, running, running ? null : line.ExitCode,
            false, request.Base64, slice.Binary, notice);
    }

    /// <summary>What the polls saw, for the progress reports (the ticker reads it from its own timer).</summary>
    private sealed class Seen
    {
        private readonly Lock _gate = new();
        private LastLine _line = new();
        private long _bytes;

        public void Update(long bytes, ReadOnlySpan<byte> tail)
        {
            lock (_gate)
            {
                _bytes = bytes;
                if (!tail.IsEmpty)
                {
                    _line = new LastLine();
                    _line.Feed(tail);
                }
            }
        }

        public (long Bytes, string LastLine) Sample()
        {
            lock (_gate)
            {
                return (_bytes, _line.Text());
            }
        }
    }
}
