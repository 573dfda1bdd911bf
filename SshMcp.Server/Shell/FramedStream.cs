using System.Text;

namespace SshMcp.Server.Shell;

/// <summary>
/// Cuts one stream (stdout or stderr) at a command's bounds. Bytes before the begin marker belong to nobody (profile
/// noise, a background job's late output) and are dropped; bytes up to the end marker are the command's output; on
/// stdout the end marker is followed by the trailer <c>exitCode;cwd</c> and a terminator. Markers split across
/// packets are found: a possible partial marker at the end of a chunk is held back until the next one.
/// </summary>
internal sealed class FramedStream
{
    private const int MaxTrailerBytes = 64 * 1024;

    private readonly byte[] _begin;
    private readonly byte[] _end;
    private readonly byte[]? _trailerEnd;
    private readonly IByteSink _capture;
    private readonly byte[] _carry;
    private int _carryLength;
    private List<byte>? _trailer;
    private State _state = State.SeekingBegin;

    public FramedStream(byte[] begin, byte[] end, byte[]? trailerEnd, IByteSink capture)
    {
        _begin = begin;
        _end = end;
        _trailerEnd = trailerEnd;
        _capture = capture;
        _carry = new byte[Math.Max(begin.Length, Math.Max(end.Length, trailerEnd?.Length ?? 0))];
    }

    private enum State
    {
        SeekingBegin,
        Capturing,
        ReadingTrailer,
        Done,
    }

    public bool IsDone => _state == State.Done;

    /// <summary>The trailer text (stdout only), available once <see cref="IsDone"/>.</summary>
    public string? Trailer { get; private set; }

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        if (_state == State.Done || chunk.IsEmpty)
        {
            return;
        }

        if (_carryLength == 0)
        {
            Process(chunk);
            return;
        }

        var combined = new byte[_carryLength + chunk.Length];
        _carry.AsSpan(0, _carryLength).CopyTo(combined);
        chunk.CopyTo(combined.AsSpan(_carryLength));
        _carryLength = 0;
        Process(combined);
    }

    /// <summary>Called when the stream ends before the end marker: whatever was held back is output after all.</summary>
    public void Flush()
    {
        if (_state == State.Capturing && _carryLength > 0)
        {
            _capture.Write(_carry.AsSpan(0, _carryLength));
        }

        _carryLength = 0;
    }

    private void Process(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && _state != State.Done)
        {
            var needle = _state switch
            {
                State.SeekingBegin => _begin,
                State.Capturing => _end,
                _ => _trailerEnd!,
            };

            var at = data.IndexOf(needle);
            if (at >= 0)
            {
                Consume(data[..at]);
                data = data[(at + needle.Length)..];
                Advance();
                continue;
            }

            var keep = PartialMarkerAtEnd(data, needle);
            Consume(data[..^keep]);
            data[^keep..].CopyTo(_carry);
            _carryLength = keep;
            return;
        }
    }

    private void Consume(ReadOnlySpan<byte> data)
    {
        switch (_state)
        {
            case State.Capturing:
                _capture.Write(data);
                break;
            case State.ReadingTrailer:
                _trailer ??= [];
                if (_trailer.Count + data.Length <= MaxTrailerBytes)
                {
                    _trailer.AddRange(data);
                }

                break;
            default:
                break; // before the begin marker: not the command's output
        }
    }

    private void Advance()
    {
        _state = _state switch
        {
            State.SeekingBegin => State.Capturing,
            State.Capturing when _trailerEnd is not null => State.ReadingTrailer,
            _ => State.Done,
        };

        if (_state == State.Done && _trailerEnd is not null)
        {
            Trailer = _trailer is null ? string.Empty : Encoding.UTF8.GetString([.. _trailer]);
        }
    }

    /// <summary>The length of the longest suffix of <paramref name="data"/> that is a proper prefix of the marker.</summary>
    private static int PartialMarkerAtEnd(ReadOnlySpan<byte> data, byte[] marker)
    {
        // Markers contain their first byte (0x1E) exactly once, so only the last occurrence can start a partial marker.
        var window = Math.Min(data.Length, marker.Length - 1);
        var start = data.Length - window;
        var at = data[start..].LastIndexOf(marker[0]);
        if (at < 0)
        {
            return 0;
        }

        var candidate = data[(start + at)..];
        return marker.AsSpan().StartsWith(candidate) ? candidate.Length : 0;
    }
}
