using System.Security.Cryptography;
using System.Text;

namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>
/// The host field of a known_hosts line: either a hashed name (<c>|1|salt|hmac</c>, HMAC-SHA1 keyed by the salt
/// over the lookup name) or a comma-separated list of patterns with <c>*</c>, <c>?</c> and <c>!</c> negation.
/// Matching follows OpenSSH's match_hostname: case-insensitive; the list matches when some positive pattern
/// matches and no negated one does. Patterns match the whole lookup name, so <c>*.example.com</c> covers
/// port 22 only and <c>[*.example.com]:2222</c> covers port 2222.
/// </summary>
internal sealed class HostPatternList
{
    private const string HashMagic = "|1|";
    private const int Sha1Length = 20;

    private readonly string[] _patterns;
    private readonly byte[]? _salt;
    private readonly byte[]? _hash;

    private HostPatternList(string[] patterns, byte[]? salt, byte[]? hash)
    {
        _patterns = patterns;
        _salt = salt;
        _hash = hash;
    }

    public static HostPatternList? TryParse(string field)
    {
        if (field.StartsWith(HashMagic, StringComparison.Ordinal))
        {
            var parts = field[HashMagic.Length..].Split('|');
            return parts.Length == 2 && TryDecode(parts[0], out var salt) && TryDecode(parts[1], out var hash)
                && hash.Length == Sha1Length
                ? new HostPatternList([], salt, hash)
                : null;
        }

        if (field.StartsWith('|'))
        {
            return null; // an unknown hashing scheme; OpenSSH rejects it too
        }

        var patterns = field.ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries);
        return patterns.Length == 0 ? null : new HostPatternList(patterns, null, null);
    }

    /// <param name="lookupName">A name from <see cref="KnownHostName.LookupName"/> (already lower case).</param>
    public bool Matches(string lookupName)
    {
        if (_salt is not null && _hash is not null)
        {
#pragma warning disable CA5350 // HMAC-SHA1 is what OpenSSH's hashed known_hosts format defines; we only read it.
            var computed = HMACSHA1.HashData(_salt, Encoding.UTF8.GetBytes(lookupName));
#pragma warning restore CA5350
            return CryptographicOperations.FixedTimeEquals(computed, _hash);
        }

        var positive = false;
        foreach (var pattern in _patterns)
        {
            var negated = pattern.StartsWith('!');
            if (!GlobMatches(negated ? pattern.AsSpan(1) : pattern, lookupName))
            {
                continue;
            }

            if (negated)
            {
                return false;
            }

            positive = true;
        }

        return positive;
    }

    /// <summary>Whole-string match where <c>*</c> is any run of characters and <c>?</c> is one character.</summary>
    internal static bool GlobMatches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                // Let the last '*' swallow one more character and retry from there.
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        var buffer = new byte[base64.Length * 3 / 4];
        if (Convert.TryFromBase64String(base64, buffer, out var written) && written > 0)
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
