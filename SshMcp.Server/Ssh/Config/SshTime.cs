namespace SshMcp.Server.Ssh.Config;

/// <summary>OpenSSH's convtime: a sequence of numbers with optional units s, m, h, d, w (90, 1m30s, 2h).</summary>
internal static class SshTime
{
    public static bool TryParseSeconds(string text, out int seconds)
    {
        seconds = 0;
        long total = 0;
        var i = 0;
        if (text.Length == 0)
        {
            return false;
        }

        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start || i - start > 10)
            {
                return false;
            }

            long value = long.Parse(text.AsSpan(start, i - start), System.Globalization.CultureInfo.InvariantCulture);
            long multiplier = i == text.Length ? 1 : char.ToLowerInvariant(text[i++]) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                'w' => 604800,
                _ => 0,
            };
            total += value * multiplier;
            if (multiplier == 0 || total > int.MaxValue)
            {
                return false;
            }
        }

        seconds = (int)total;
        return true;
    }
}
