namespace SshMcp.Server.Shell;

/// <summary>Finds UTF-8 character boundaries near a cut, so a kept part never starts or ends inside a character.</summary>
internal static class Utf8Boundary
{
    /// <summary>The length of <paramref name="bytes"/> without a trailing, incomplete multi-byte sequence.</summary>
    public static int TrimIncompleteEnd(ReadOnlySpan<byte> bytes)
    {
        // Look back at most 3 bytes for the lead byte of the last sequence.
        for (var back = 1; back <= Math.Min(4, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // continuation byte
            }

            var needed = b switch
            {
                < 0x80 => 1,
                >= 0xF0 and < 0xF8 => 4,
                >= 0xE0 => 3,
                >= 0xC0 => 2,
                _ => 1,
            };
            return needed > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }

    /// <summary>How many continuation bytes (at most 3) open <paramref name="bytes"/>: they belong to a character cut off.</summary>
    public static int SkipContinuationStart(ReadOnlySpan<byte> bytes)
    {
        var skip = 0;
        while (skip < Math.Min(3, bytes.Length) && (bytes[skip] & 0xC0) == 0x80)
        {
            skip++;
        }

        return skip;
    }
}
