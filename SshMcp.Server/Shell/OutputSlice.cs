using System.Text;
using System.Text.Unicode;

namespace SshMcp.Server.Shell;

/// <summary>
/// A piece of a stream cut for <c>ssh_output</c>: whole UTF-8 characters only, so pieces read one after another (each
/// from the previous one's end) concatenate to exactly the stream. <see cref="Skipped"/> bytes at the start belonged
/// to a character begun before the offset; <see cref="Bytes"/> is how far the piece reaches after them. A piece that
/// is not UTF-8 text (a NUL, an invalid sequence) is <see cref="Binary"/>: its text is empty unless base64 was asked
/// for.
/// </summary>
internal readonly record struct OutputSlice(string Text, int Skipped, int Bytes, bool Binary)
{
    /// <summary>How many bytes to read for a piece of <paramref name="maxBytes"/>: enough to finish a character.</summary>
    public static int ReadSize(int maxBytes) => maxBytes + 3;

    /// <param name="data">Bytes from the offset: up to <see cref="ReadSize"/>.</param>
    /// <param name="maxBytes">The most the piece may hold (exceeded only to hold one whole character).</param>
    /// <param name="atEnd">No byte follows <paramref name="data"/>, ever (the run ended): an incomplete last character stays.</param>
    /// <param name="base64">Return the bytes exactly, base64-encoded, uncut.</param>
    /// <param name="midStream">The offset is past the stream's start, so it may fall inside a character.</param>
    public static OutputSlice Cut(ReadOnlySpan<byte> data, int maxBytes, bool atEnd, bool base64, bool midStream)
    {
        if (base64)
        {
            var count = Math.Min(maxBytes, data.Length);
            return new OutputSlice(Convert.ToBase64String(data[..count]), 0, count, Binary: !IsText(data[..count]));
        }

        var skipped = midStream ? Utf8Boundary.SkipContinuationStart(data) : 0;
        var slice = CutText(data, skipped, maxBytes, atEnd);
        return slice.Binary && skipped > 0 ? CutText(data, 0, maxBytes, atEnd) : slice;
    }

    private static OutputSlice CutText(ReadOnlySpan<byte> data, int skipped, int maxBytes, bool atEnd)
    {
        var body = data[skipped..];
        var take = Math.Min(maxBytes, body.Length);
        var whole = Utf8Boundary.TrimIncompleteEnd(body[..take]);
        if (whole == 0 && take > 0)
        {
            // One character longer than maxBytes: return it whole rather than nothing.
            whole = Math.Min(body.Length, Math.Max(take, SequenceLength(body[0])));
            whole = Utf8Boundary.TrimIncompleteEnd(body[..whole]) is var complete && complete > 0 ? complete : whole;
        }

        if (atEnd && take == body.Length)
        {
            whole = take; // an incomplete character at the very end will never be completed
        }

        var piece = body[..whole];
        return IsText(piece)
            ? new OutputSlice(Encoding.UTF8.GetString(piece), skipped, whole, false)
            : new OutputSlice("", skipped, whole, true);
    }

    private static bool IsText(ReadOnlySpan<byte> bytes) => !bytes.Contains((byte)0) && Utf8.IsValid(bytes);

    private static int SequenceLength(byte lead) => lead switch
    {
        >= 0xF0 => 4,
        >= 0xE0 => 3,
        >= 0xC0 => 2,
        _ => 1,
    };
}
