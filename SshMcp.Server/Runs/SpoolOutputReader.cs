using System.Buffers;
using System.Globalization;
using SshMcp.Server.Shell;
using SshMcp.Server.Ssh;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Runs;

/// <summary>Reads a foreground run's output from its session's spool, waiting (bounded) for more while it runs.</summary>
internal static class SpoolOutputReader
{
    private const int SaveBufferBytes = 1024 * 1024;

    public static async Task<OutputChunk> ReadAsync(RunSpool spool, SpoolEntry entry, OutputRequest request, IProgress<RunProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        await WaitAsync(spool, entry, request, progress, time, cancellationToken);
        var size = OutputSlice.ReadSize(request.MaxBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var read = Look(spool, entry, request, buffer.AsSpan(0, size));
            return Shape(spool, request, read, buffer.AsSpan(0, read.Count));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// <c>localPath</c>: once there is output at the offset (or the run ended, or the wait is over), copies all of it
    /// from the offset to the spool's end into the request's local file, a buffer at a time; the spool's lock is held per buffer only.
    /// </summary>
    public static async Task<OutputChunk> SaveAsync(RunSpool spool, SpoolEntry entry, OutputRequest request, IProgress<RunProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        await WaitAsync(spool, entry, request, progress, time, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(SaveBufferBytes);
        try
        {
            var first = Look(spool, entry, request, buffer.AsSpan(0, SaveBufferBytes));
            ThrowIfNotKept(spool, request, first);
            await using var file = LocalOutputFile.Create(request.LocalPath!);
            var read = first;
            var gap = false;
            while (read.Count > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read.Count), cancellationToken);
                var next = read.Offset + read.Count;
                read = spool.Read(entry, request.Stream, next, buffer.AsSpan(0, SaveBufferBytes));
                if (read.Offset > next)
                {
                    gap = true; // newer output made the spool drop what came next
                    break;
                }
            }

            var sha256 = await file.CommitAsync(cancellationToken);
            var end = first.Offset + file.Bytes;
            var notices = new List<string>(3);
            if (first.Offset > request.Offset)
            {
                notices.Add(Dropped(request.Offset, first.Offset));
            }

            notices.Add(RunNotices.Saved(StreamName(request.Stream), first.Offset, end, sha256, request.LocalPath!));
            if (gap)
            {
                notices.Add(string.Create(CultureInfo.InvariantCulture, $"The spool dropped the bytes after {end} while they were copied (newer output needed the room)."));
            }

            return new OutputChunk(
                request.RunId, request.Stream, "", first.Offset, end, read.TotalBytes, read.Running, read.ExitCode,
                first.Offset > request.Offset, false, false, string.Join(' ', notices));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Returns once output follows the offset, the run has ended, or the request's wait is over.</summary>
    private static async Task WaitAsync(RunSpool spool, SpoolEntry entry, OutputRequest request, IProgress<RunProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp() + (long)(request.Wait.TotalSeconds * time.TimestampFrequency);
        await using var ticker = request.Wait > TimeSpan.Zero ? ProgressTicker.Start(() => spool.Progress(entry), progress, time) : null;
        while (true)
        {
            var changed = entry.Changed;
            var read = Look(spool, entry, request, []);
            var left = TimeSpan.FromSeconds((double)(deadline - time.GetTimestamp()) / time.TimestampFrequency);
            if (read.Kept > read.Offset || !read.Running || left <= TimeSpan.Zero)
            {
                return;
            }

            try
            {
                await changed.WaitAsync(left, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // One more look, then the answer as it stands.
            }
        }
    }

    private static SpoolRead Look(RunSpool spool, SpoolEntry entry, OutputRequest request, Span<byte> buffer)
    {
        var read = spool.Read(entry, request.Stream, request.Offset, buffer);
        return request.Offset > read.TotalBytes
            ? throw Failures.OffsetPastEnd(request.RunId, StreamName(request.Stream), request.Offset, read.TotalBytes, read.Running)
            : read;
    }

    private static void ThrowIfNotKept(RunSpool spool, OutputRequest request, SpoolRead read)
    {
        if (read.Count == 0 && request.Offset < read.TotalBytes && request.Offset >= read.Kept)
        {
            throw read.Kept == 0 && read.FirstKept == 0 && spool.BudgetBytes == 0
                ? Failures.RunNotKept(request.RunId, "the spool is off (SshMcp:Output:SpoolBytesPerSession is 0)")
                : Failures.RunNotKept(request.RunId, spool.Failure is { } failure ? $"writing the spool failed ({failure})" : "the spool dropped it");
        }
    }

    private static string Dropped(long from, long to) =>
        string.Create(CultureInfo.InvariantCulture, $"Bytes {from} to {to} were dropped from the spool to make room for newer output; this starts after them.");

    private static OutputChunk Shape(RunSpool spool, OutputRequest request, SpoolRead read, ReadOnlySpan<byte> data)
    {
        ThrowIfNotKept(spool, request, read);
        var atEnd = !read.Running && read.Offset + read.Count >= read.Kept;
        var slice = OutputSlice.Cut(data, request.MaxBytes, atEnd, request.Base64, midStream: read.Offset > 0);
        var offset = read.Offset + slice.Skipped;
        var truncated = read.Offset > request.Offset;
        var notices = new List<string>(2);
        if (truncated)
        {
            notices.Add(Dropped(request.Offset, read.Offset));
        }

        if (slice.Binary && !request.Base64)
        {
            notices.Add(string.Create(CultureInfo.InvariantCulture, $"Bytes {offset} to {offset + slice.Bytes} are not UTF-8 text; read them again with base64: true."));
        }

        return new OutputChunk(
            request.RunId, request.Stream, slice.Text, offset, offset + slice.Bytes, read.TotalBytes, read.Running, read.ExitCode,
            truncated, request.Base64, slice.Binary, notices.Count == 0 ? null : string.Join(' ', notices));
    }

    public static string StreamName(RemoteStream stream) => stream == RemoteStream.Stdout ? "stdout" : "stderr";
}
