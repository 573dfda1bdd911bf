using System.Globalization;

namespace SshMcp.Server.Files;

/// <summary>What <c>file-stat.sh</c> printed: "KIND SIZE MODE MTIME UID GID R W", then the canonical path.</summary>
internal sealed record FileStatLine(string Kind, RemoteFile File, bool Readable, bool DirectoryWritable)
{
    public static FileStatLine? TryParse(string output)
    {
        var newline = output.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0)
        {
            return null;
        }

        var words = output[..newline].Split(' ');
        var path = output[(newline + 1)..].TrimEnd('\n');
        if (words.Length == 1)
        {
            return new FileStatLine(words[0], new RemoteFile(path, 0, 0, null, null, null), false, false);
        }

        if (words.Length != 8
            || !long.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || !TryOctal(words[2], out var mode)
            || !long.TryParse(words[3], NumberStyles.None, CultureInfo.InvariantCulture, out var mtime)
            || !uint.TryParse(words[4], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            || !uint.TryParse(words[5], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
        {
            return null;
        }

        var file = new RemoteFile(path, size, mode & 0xFFF, mtime > 0 ? DateTimeOffset.FromUnixTimeSeconds(mtime) : null, uid, gid);
        return new FileStatLine(words[0], file, words[6] == "r", words[7] == "w");
    }

    private static bool TryOctal(string text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '7' || value > 0xFFFF)
            {
                return false;
            }

            value = (value * 8) + (c - '0');
        }

        return text.Length > 0;
    }
}
