using System.Text;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// Reads the session shell's stdout for <see cref="ExitWrapper.Status255Marker"/>, which the wrapper prints last when the
/// shell ended with status 255: ssh exits 255 for that and for a lost connection alike, and when the shell runs on the
/// master's own channel no other process tells the two apart. Bytes that could begin the marker at the end of a read are
/// held back until the next read shows they do not (output is never lost, at most delayed by a few bytes to the next
/// read); at the end of the stream the held bytes are the marker when ssh then exits 255, else output given out.
/// </summary>
internal sealed class LastStatusTail
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes(ExitWrapper.Status255Marker);
    private readonly byte[] _held = new byte[Marker.Length];
    private byte[] _joined = [];
    private int _heldLength;

    /// <summary>What of the held bytes and <paramref name="data"/> to give out now: all but a tail that may begin the marker (valid until the next call).</summary>
    public ReadOnlySpan<byte> Read(ReadOnlySpan<byte> data)
    {
        var whole = data;
        if (_heldLength > 0)
        {
            var length = _heldLength + data.Length;
            if (_joined.Length < length)
            {
                _joined = new byte[Math.Max(length, 2 * _joined.Length)];
            }

            _held.AsSpan(0, _heldLength).CopyTo(_joined);
            data.CopyTo(_joined.AsSpan(_heldLength));
            whole = _joined.AsSpan(0, length);
        }

        var keep = PossibleMarkerStart(whole);
        whole[keep..].CopyTo(_held);
        _heldLength = whole.Length - keep;
        return whole[..keep];
    }

    /// <summary>The end of the stream: the bytes still held (the marker, or output to give out), and none after.</summary>
    public byte[] TakeHeld()
    {
        var held = _held.AsSpan(0, _heldLength).ToArray();
        _heldLength = 0;
        return held;
    }

    /// <summary>Whether <paramref name="held"/> is the marker (then ssh's exit code 255 is the shell's status).</summary>
    public static bool IsMarker(ReadOnlySpan<byte> held) => held.SequenceEqual(Marker);

    /// <summary>Where the longest suffix of <paramref name="data"/> that is a prefix of the marker (or all of it) starts; its length when there is none.</summary>
    private static int PossibleMarkerStart(ReadOnlySpan<byte> data)
    {
        var longest = Math.Min(Marker.Length, data.Length);
        for (var length = longest; length > 0; length--)
        {
            if (data[^length..].SequenceEqual(Marker.AsSpan(0, length)))
            {
                return data.Length - length;
            }
        }

        return data.Length;
    }
}
