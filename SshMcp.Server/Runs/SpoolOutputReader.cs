using System.Buffers;
using System.Globalization;
using SshMcp.Server.Shell;
using SshMcp.Server.Ssh;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Runs;

/// <summary>Reads a foreground run's output from its session's spool, waiting (bounded) for more while it runs.</summary>
internal static class SpoolOutputReader
{
    public static async Task<OutputChunk> ReadAsync(RunSpool spool, SpoolEntry entry, OutputRequest request, IProgress<RunProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp() + (long)(request.Wait.TotalSeconds * time.TimestampFrequency);
        await using var ticker = request.Wait > TimeSpan.Zero ? ProgressTicker.Start(() => spool.Progress(entry), progress, time) : null;
        var buffer = ArrayPool<byte>.Shared.Rent(OutputSlice.ReadSize(request.MaxBytes));
        try
        {
            while (true)
            {
                var changed = entry.Changed;
                var read = spool.Read(entry, request.Stream, request.Offset, buffer.AsSpan(0, OutputSlice.ReadSize(request.MaxBytes)));
                if (request.Offset > read.TotalBytes)
                {
                    throw Failures.OffsetPastEnd(request.RunId, StreamName(request.Stream), request.Offset, read.TotalBytes, read.Running);
                }

                var left = TimeSpan.FromSeconds((double)(deadline - time.GetTimestamp()) / time.TimestampFrequency);
                if (read.Count > 0 || !read.Running || left <= TimeSpan.Zero)
                {
                    return Shape(spool, request, read, buffer.AsSpan(0, read.Count));
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
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static OutputChunk Shape(RunSpool spool, OutputRequest request, SpoolRead read, ReadOnlySpan<byte> data)
    {
        if (read.Count == 0 && request.Offset < read.TotalBytes && request.Offset >= read.Kept)
        {
            throw read.Kept == 0 && read.FirstKept == 0 && spool.BudgetBytes == 0
                ? Failures.RunNotKept(request.RunId, "the spool is off (SshMcp:Output:SpoolBytesPerSession is 0)")
                : Failures.RunNotKept(request.RunId, spool.Failure is { } failure ? $"writing the spool failed ({failure})" : "the spool dropped it");
        }

        var atEnd = !read.Running && read.Offset + read.Count >= read.Kept;
        var slice = OutputSlice.Cut(data, request.MaxBytes, atEnd, request.Base64, midStream: read.Offset > 0);
        var offset = read.Offset + slice.Skipped;
        var truncated = read.Offset > request.Offset;
        var notices = new List<string>(2);
        if (truncated)
        {
            notices.Add(string.Create(CultureInfo.InvariantCulture, $"Bytes {request.Offset} to {read.Offset} were dropped from the spool to make room for newer output; this starts after them."));
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
