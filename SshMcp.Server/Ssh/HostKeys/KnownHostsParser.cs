namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>
/// Parses OpenSSH known_hosts text: <c>[@marker] hosts keytype base64 [comment]</c>. Blank lines and <c>#</c>
/// comments are ignored; <c>@cert-authority</c> lines are counted and left out (host certificates are not
/// supported); a line that cannot be used (unknown marker, bad base64, a key type that differs from the
/// blob's, the old SSH-1 form) is counted as malformed and left out, as OpenSSH skips it.
/// </summary>
internal static class KnownHostsParser
{
    private const string RevokedMarker = "@revoked";
    private const string CertAuthorityMarker = "@cert-authority";
    private static readonly char[] FieldSeparators = [' ', '\t'];

    public static ParsedKnownHosts Parse(string text, string filePath)
    {
        var entries = new List<KnownHostEntry>();
        int certAuthority = 0, malformed = 0, lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(FieldSeparators, 5, StringSplitOptions.RemoveEmptyEntries);
            var marker = KnownHostMarker.None;
            var first = 0;
            if (fields[0].StartsWith('@'))
            {
                if (fields[0] == CertAuthorityMarker)
                {
                    certAuthority++;
                    continue;
                }

                if (fields[0] != RevokedMarker)
                {
                    malformed++;
                    continue;
                }

                marker = KnownHostMarker.Revoked;
                first = 1;
            }

            var entry = fields.Length >= first + 3
                ? TryParseEntry(marker, fields[first], fields[first + 1], fields[first + 2], filePath, lineNumber)
                : null;
            if (entry is null)
            {
                malformed++;
                continue;
            }

            entries.Add(entry);
        }

        return new ParsedKnownHosts(entries, certAuthority, malformed);
    }

    private static KnownHostEntry? TryParseEntry(
        KnownHostMarker marker, string hostField, string keyType, string base64Key, string filePath, int lineNumber)
    {
        var hosts = HostPatternList.TryParse(hostField);
        var buffer = new byte[base64Key.Length * 3 / 4];
        if (hosts is null || !Convert.TryFromBase64String(base64Key, buffer, out var written))
        {
            return null;
        }

        var blob = buffer[..written];
        return HostKeyBlob.TryReadKeyType(blob, out var blobType) && blobType == keyType
            ? new KnownHostEntry(marker, hosts, keyType, blob, filePath, lineNumber)
            : null;
    }
}
