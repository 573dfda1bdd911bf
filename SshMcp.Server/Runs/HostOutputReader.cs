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
    /// <summary>What one read of a <c>localPath</c> copy asks the host for.</summary>
    private const int SaveChunkBytes = 4 * 1024 * 1024;

    private const string LostNotice = "The run ended without an exit status: it was killed from outside, or the host restarted.";

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    /// <summary>A run with no PID this long after its start never started (its shell could not run it).</summary>
    private static readonly TimeSpan StartingBound = TimeSpan.FromMinutes(1);

    public static async Task<OutputChunk> ReadAsync(HostRuns host, OutputRequest request, RunMissing missing, IProgress<RunProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        var look = await PollAsync(host, request, OutputSlice.ReadSize(request.MaxBytes), missing, progress, time, cancellationToken);
        var slice = look.Line.Kind == "data"
            ? OutputSlice.Cut(look.Data.Span, request.MaxBytes, !look.Running && request.Offset + look.Data.Length >= look.Total, request.Base64, midStream: request.Offset > 0)
            : new OutputSlice("", 0, 0, false);
        return Shape(request, look.Line, look.Running, look.Total, slice);
    }

    /// <summary>
    /// <c>localPath</c>: once there is output at the offset (or the run ended, or the wait is over), copies all of it
    /// from the offset to the end the host has so far into the request's local file, <see cref="SaveChunkBytes"/> a read.
    /// </summary>
    public static async Task<OutputChunk> SaveAsync(HostRuns host, OutputRequest request, RunMissing missing, IProgress<RunProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        var look = await PollAsync(host, request, SaveChunkBytes, missing, progress, time, cancellationToken);
        await using var file = LocalOutputFile.Create(request.LocalPath!);
        var offset = request.Offset;
        while (look.Line.Kind == "data" && !look.Data.IsEmpty)
        {
            await file.WriteAsync(look.Data, cancellationToken);
            offset += look.Data.Length;
            if (offset >= look.Total)
            {
                break;
            }

            look = await LookAsync(host, request with { Offset = offset }, SaveChunkBytes, missing, time, cancellationToken);
        }

        var sha256 = await file.CommitAsync(cancellationToken);
        var notice = RunNotices.Saved(SpoolOutputReader.StreamName(request.Stream), request.Offset, offset, sha256, request.LocalPath!);
        if (!look.Running && look.Line.State == HostRunState.Lost)
        {
            notice += " " + LostNotice;
        }

        return new OutputChunk(
            request.RunId, request.Stream, "", request.Offset, offset, look.Total, look.Running, look.Running ? null : look.Line.ExitCode,
            false, false, false, notice);
    }

    /// <summary>Asks the host until output follows the offset, the run has ended, or the request's wait is over.</summary>
    private static async Task<Look> PollAsync(HostRuns host, OutputRequest request, int readBytes, RunMissing missing, IProgress<RunProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp() + (long)(request.Wait.TotalSeconds * time.TimestampFrequency);
        var seen = new Seen();
        await using var ticker = request.Wait > TimeSpan.Zero ? ProgressTicker.Start(seen.Sample, progress, time) : null;
        var poll = FirstPoll;
        while (true)
        {
            var look = await LookAsync(host, request, readBytes, missing, time, cancellationToken);
            var left = TimeSpan.FromSeconds((double)(deadline - time.GetTimestamp()) / time.TimestampFrequency);
            if (look.Line.Kind == "data" || !look.Running || left <= TimeSpan.Zero)
            {
                return look;
            }

            seen.Update(look.Line.StdoutBytes + look.Line.StderrBytes, look.Line.Kind == "tail" ? look.Data.Span : default);
            await Task.Delay(poll < left ? poll : left, time, cancellationToken);
            poll = poll * 2 < LongestPoll ? poll * 2 : LongestPoll;
        }
    }

    /// <summary>One question to the host: the run's state, and up to <paramref name="readBytes"/> from the offset.</summary>
    private static async Task<Look> LookAsync(HostRuns host, OutputRequest request, int readBytes, RunMissing missing, TimeProvider time, CancellationToken cancellationToken)
    {
        var (line, data) = await host.ReadAsync(request.RunId, request.Stream, request.Offset, readBytes, cancellationToken);
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
        return request.Offset > total
            ? throw Failures.OffsetPastEnd(request.RunId, SpoolOutputReader.StreamName(request.Stream), request.Offset, total, running)
            : new Look(line, data, running, total);
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
            notice = LostNotice;
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

    private readonly record struct Look(HostRunLine Line, ReadOnlyMemory<byte> Data, bool Running, long Total);
}
