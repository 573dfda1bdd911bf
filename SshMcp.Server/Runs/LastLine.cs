using System.Text;

namespace SshMcp.Server.Runs;

/// <summary>
/// The last line a stream printed, for progress messages: the line being written if it has begun, else the last one
/// finished. A carriage return ends a line too, so a progress bar that redraws itself shows its latest state. Memory
/// is bounded: only the first <see cref="KeptBytes"/> bytes of a line are kept.
/// </summary>
internal sealed class LastLine
{
    public const int MaxChars = 200;
    private const int KeptBytes = 4 * MaxChars;

    private readonly byte[] _current = new byte[KeptBytes];
    private readonly byte[] _previous = new byte[KeptBytes];
    private int _currentLength;
    private int _previousLength;

    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var end = data.IndexOfAny((byte)'\n', (byte)'\r');
            var part = end < 0 ? data : data[..end];
            var room = Math.Min(part.Length, KeptBytes - _currentLength);
            part[..room].CopyTo(_current.AsSpan(_currentLength));
            _currentLength += room;
            if (end < 0)
            {
                return;
            }

            if (_currentLength > 0)
            {
                _current.AsSpan(0, _currentLength).CopyTo(_previous);
                _previousLength = _currentLength;
                _currentLength = 0;
            }

            data = data[(end + 1)..];
        }
    }

    /// <summary>
    /// The line as text: at most <see cref="MaxChars"/> characters; terminal escape sequences (colours) and control
    /// characters dropped, tabs as spaces, bytes that are not UTF-8 left out.
    /// </summary>
    public string Text()
    {
        var bytes = _currentLength > 0 ? _current.AsSpan(0, _currentLength) : _previous.AsSpan(0, _previousLength);
        var text = new StringBuilder(Math.Min(bytes.Length, MaxChars));
        var escape = Escape.None;
        foreach (var rune in Encoding.UTF8.GetString(bytes).EnumerateRunes())
        {
            var value = rune.Value;
            escape = escape switch
            {
                Escape.None when value == 0x1B => Escape.Started,
                Escape.Started when value == '[' => Escape.Sequence,
                Escape.Sequence when value is >= 0x40 and <= 0x7E => Escape.Ended,
                Escape.Sequence => Escape.Sequence,
                _ => Escape.None,
            };
            if (escape != Escape.None)
            {
                continue;
            }

            if (text.Length + rune.Utf16SequenceLength > MaxChars)
            {
                break;
            }

            if (value == '\t')
            {
                text.Append(' ');
            }
            else if (!Rune.IsControl(rune) && value != 0xFFFD)
            {
                text.Append(rune.ToString());
            }
        }

        return text.ToString().Trim();
    }

    private enum Escape
    {
        None,
        Started,
        Sequence,
        Ended,
    }
}
