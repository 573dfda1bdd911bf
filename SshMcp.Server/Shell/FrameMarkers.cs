using System.Security.Cryptography;
using System.Text;

namespace SshMcp.Server.Shell;

/// <summary>
/// The byte sequences that delimit one command's output on both streams. Each is an ASCII record separator
/// (0x1E) followed by a fresh random nonce and one tag character. The frame prints them with <c>printf '\036%s%s…'</c>
/// from two halves of the nonce, so neither the control byte nor the whole nonce is ever present in the text sent.
/// </summary>
internal sealed class FrameMarkers
{
    private const int NonceHalfLength = 8;
    private const byte RecordSeparator = 0x1E;

    private FrameMarkers(string first, string second)
    {
        NonceFirstHalf = first;
        NonceSecondHalf = second;
        var nonce = first + second;
        StdoutBegin = Make(nonce, '{');
        StdoutEnd = Make(nonce, '}');
        TrailerEnd = Make(nonce, '.');
        StderrBegin = Make(nonce, '[');
        StderrEnd = Make(nonce, ']');
    }

    public string NonceFirstHalf { get; }

    public string NonceSecondHalf { get; }

    public byte[] StdoutBegin { get; }

    /// <summary>Followed by the trailer <c>exitCode;cwd</c> and then <see cref="TrailerEnd"/>.</summary>
    public byte[] StdoutEnd { get; }

    public byte[] TrailerEnd { get; }

    public byte[] StderrBegin { get; }

    public byte[] StderrEnd { get; }

    public static FrameMarkers CreateRandom()
    {
        Span<byte> random = stackalloc byte[NonceHalfLength];
        RandomNumberGenerator.Fill(random);
        var hex = Convert.ToHexStringLower(random);
        return new FrameMarkers(hex[..NonceHalfLength], hex[NonceHalfLength..]);
    }

    /// <summary>For tests: markers from a known nonce.</summary>
    public static FrameMarkers FromNonce(string first, string second) => new(first, second);

    private static byte[] Make(string nonce, char tag)
    {
        var bytes = new byte[nonce.Length + 2];
        bytes[0] = RecordSeparator;
        Encoding.ASCII.GetBytes(nonce, bytes.AsSpan(1));
        bytes[^1] = (byte)tag;
        return bytes;
    }
}
