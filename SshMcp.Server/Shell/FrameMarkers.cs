using System.Security.Cryptography;
using System.Text;

namespace SshMcp.Server.Shell;

/// <summary>
/// The byte sequences that delimit one command's output on both streams. Each is an ASCII record separator
/// (0x1E) followed by a fresh random nonce and one tag character. The shell prints them with <c>printf '\036%s…'</c>:
/// the control byte is never sent, so no marker is ever present in the text sent (an echo or <c>set -v</c> of the
/// frame cannot fake one), and the nonce is drawn after the command text is fixed, so no output can predict it.
/// </summary>
internal sealed class FrameMarkers
{
    private const int NonceBytes = 8;
    private const byte RecordSeparator = 0x1E;

    private FrameMarkers(string nonce)
    {
        Nonce = nonce;
        StdoutBegin = Make(nonce, '{');
        StdoutEnd = Make(nonce, '}');
        TrailerEnd = Make(nonce, '.');
        StderrBegin = Make(nonce, '[');
        StderrEnd = Make(nonce, ']');
    }

    public string Nonce { get; }

    public byte[] StdoutBegin { get; }

    /// <summary>Followed by the trailer <c>exitCode;cwd</c> and then <see cref="TrailerEnd"/>.</summary>
    public byte[] StdoutEnd { get; }

    public byte[] TrailerEnd { get; }

    public byte[] StderrBegin { get; }

    public byte[] StderrEnd { get; }

    public static FrameMarkers CreateRandom()
    {
        Span<byte> random = stackalloc byte[NonceBytes];
        RandomNumberGenerator.Fill(random);
        return new FrameMarkers(Convert.ToHexStringLower(random));
    }

    /// <summary>For tests: markers from a known nonce.</summary>
    public static FrameMarkers FromNonce(string nonce) => new(nonce);

    private static byte[] Make(string nonce, char tag)
    {
        var bytes = new byte[nonce.Length + 2];
        bytes[0] = RecordSeparator;
        Encoding.ASCII.GetBytes(nonce, bytes.AsSpan(1));
        bytes[^1] = (byte)tag;
        return bytes;
    }
}
