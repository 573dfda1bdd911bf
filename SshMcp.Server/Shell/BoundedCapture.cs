using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace SshMcp.Server.Shell;

/// <summary>
/// Keeps the first <c>headLimit</c> and the last <c>tailLimit</c> bytes of a stream and counts every byte, so memory is
/// bounded whatever a command prints and the bytes dropped from the middle are known exactly. Buffers are rented
/// lazily: a command that prints nothing allocates nothing.
/// </summary>
internal sealed class BoundedCapture : IByteSink, IDisposable
{
    private readonly int _headLimit;
    private readonly int _tailLimit;
    private byte[]? _head;
    private int _headCount;
    private byte[]? _tail;      // ring buffer of the last bytes written after the head filled
    private int _tailStart;
    private int _tailCount;

    /// <param name="maxBytes">Bytes kept: the first half and the last half. 0 keeps nothing and counts everything.</param>
    public BoundedCapture(int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _headLimit = maxBytes / 2;
        _tailLimit = maxBytes - _headLimit;
    }

    /// <summary>Every byte written, kept or not.</summary>
    public long TotalBytes { get; private set; }

    public bool Truncated => TotalBytes > _headCount + _tailCount;

    /// <summary>True once a NUL byte or a byte sequence that is not UTF-8 was seen in what was kept.</summary>
    public bool LooksBinary { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        TotalBytes += data.Length;
        if (data.IsEmpty)
        {
            return;
        }

        if (_headCount < _headLimit)
        {
            _head ??= ArrayPool<byte>.Shared.Rent(_headLimit);
            var take = Math.Min(data.Length, _headLimit - _headCount);
            data[..take].CopyTo(_head.AsSpan(_headCount));
            _headCount += take;
            data = data[take..];
            if (data.IsEmpty)
            {
                return;
            }
        }

        if (_tailLimit == 0)
        {
            return;
        }

        _tail ??= ArrayPool<byte>.Shared.Rent(_tailLimit);
        if (data.Length >= _tailLimit)
        {
            data[^_tailLimit..].CopyTo(_tail);
            _tailStart = 0;
            _tailCount = _tailLimit;
            return;
        }

        // Append to the ring, overwriting the oldest bytes once it is full.
        var writeAt = (_tailStart + _tailCount) % _tailLimit;
        var first = Math.Min(data.Length, _tailLimit - writeAt);
        data[..first].CopyTo(_tail.AsSpan(writeAt));
        data[first..].CopyTo(_tail);
        var overflow = Math.Max(0, _tailCount + data.Length - _tailLimit);
        _tailCount = Math.Min(_tailLimit, _tailCount + data.Length);
        _tailStart = (_tailStart + overflow) % _tailLimit;
    }

    /// <summary>
    /// The kept text. Cuts fall on UTF-8 character boundaries (a character split by a cut is counted as omitted,
    /// never shown half); invalid sequences become U+FFFD. When bytes were dropped, one line in the text says how many.
    /// </summary>
    public CapturedText ToText()
    {
        var head = _head is null ? [] : _head.AsSpan(0, _headCount);
        if (!Truncated)
        {
            // Nothing dropped: head and ring are contiguous; decode them as one so no character is split.
            var all = _tailCount == 0 ? head.ToArray() : [.. head, .. TailInOrder()];
            return new CapturedText(Decode(all), TotalBytes, 0);
        }

        var headKept = head[..Utf8Boundary.TrimIncompleteEnd(head)];
        var tail = TailInOrder();
        var tailKept = tail.AsSpan(Utf8Boundary.SkipContinuationStart(tail));
        var omitted = TotalBytes - headKept.Length - tailKept.Length;
        var text = string.Create(CultureInfo.InvariantCulture, $"{Decode(headKept)}\n[... {omitted} bytes omitted ...]\n{Decode(tailKept)}");
        return new CapturedText(text, TotalBytes, omitted, headKept.Length);
    }

    public void Dispose()
    {
        if (_head is not null)
        {
            ArrayPool<byte>.Shared.Return(_head);
            _head = null;
        }

        if (_tail is not null)
        {
            ArrayPool<byte>.Shared.Return(_tail);
            _tail = null;
        }
    }

    private byte[] TailInOrder()
    {
        if (_tail is null || _tailCount == 0)
        {
            return [];
        }

        var ordered = new byte[_tailCount];
        var first = Math.Min(_tailCount, _tailLimit - _tailStart);
        _tail.AsSpan(_tailStart, first).CopyTo(ordered);
        _tail.AsSpan(0, _tailCount - first).CopyTo(ordered.AsSpan(first));
        return ordered;
    }

    private string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (bytes.Contains((byte)0) || !Utf8.IsValid(bytes))
        {
            LooksBinary = true;
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
