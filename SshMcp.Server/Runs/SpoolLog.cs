using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace SshMcp.Server.Runs;

/// <summary>
/// One stream's output (all of a session's stdout, or all its stderr) as an append-only log of numbered segment files
/// of a fixed size. A run's output is one contiguous range of the log, since a session runs one command at a time.
/// Space is reclaimed by deleting the oldest segment, so what remains is always a suffix of the log. Each segment
/// remembers the first run that wrote to it (its stamp), so the spool can drop the oldest runs' output first. Not
/// thread-safe: <see cref="RunSpool"/> serialises every call.
/// </summary>
internal sealed class SpoolLog(string directory, string name, long segmentBytes) : IDisposable
{
    private readonly Queue<(long Index, long Stamp)> _segments = new();
    private FileStream? _writer;
    private long _writerIndex = -1;

    /// <summary>Bytes ever appended: the log offset of the next byte.</summary>
    public long Length { get; private set; }

    /// <summary>The log offset of the first byte still on disk.</summary>
    public long FirstRetained => _segments.Count == 0 ? Length : _segments.Peek().Index * segmentBytes;

    public long RetainedBytes => Length - FirstRetained;

    /// <summary>The stamp of the oldest segment that may be dropped (never the one being written), else null.</summary>
    public long? OldestDroppableStamp => _segments.Count > 1 || (_segments.Count == 1 && _segments.Peek().Index != _writerIndex)
        ? _segments.Peek().Stamp
        : null;

    public void Append(ReadOnlySpan<byte> data, long stamp)
    {
        while (!data.IsEmpty)
        {
            var index = Length / segmentBytes;
            if (index != _writerIndex)
            {
                Open(index, stamp);
            }

            var room = (int)Math.Min(data.Length, ((index + 1) * segmentBytes) - Length);
            _writer!.Write(data[..room]);
            Length += room;
            data = data[room..];
        }
    }

    /// <summary>Deletes the oldest segment, unless it is the one being written; returns the bytes freed (0: none).</summary>
    public long DropOldest()
    {
        if (OldestDroppableStamp is null)
        {
            return 0;
        }

        var (index, _) = _segments.Dequeue();
        File.Delete(PathOf(index));
        return Math.Min(Length, (index + 1) * segmentBytes) - (index * segmentBytes);
    }

    /// <summary>Reads from <paramref name="offset"/> (at or past <see cref="FirstRetained"/>) into the buffer; returns the bytes read.</summary>
    public int Read(long offset, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length && offset < Length)
        {
            var index = offset / segmentBytes;
            var within = offset - (index * segmentBytes);
            var want = (int)Math.Min(buffer.Length - total, Math.Min(Length, (index + 1) * segmentBytes) - offset);
            using SafeFileHandle handle = File.OpenHandle(PathOf(index), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var read = RandomAccess.Read(handle, buffer.Slice(total, want), within);
            if (read <= 0)
            {
                break;
            }

            total += read;
            offset += read;
        }

        return total;
    }

    public void Dispose() => _writer?.Dispose();

    private void Open(long index, long stamp)
    {
        _writer?.Dispose();
        _writer = null;
        _writer = PrivateFiles.CreateAppendOnly(PathOf(index));
        _writerIndex = index;
        _segments.Enqueue((index, stamp));
    }

    private string PathOf(long index) => Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{name}.{index:D6}"));
}
