using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Ssh.Config;

/// <summary>OpenSSH's pattern matching: <c>*</c> and <c>?</c> over the whole string; lists with commas and <c>!</c>.</summary>
internal static class SshPatterns
{
    /// <summary>match_pattern: case-sensitive (Host lines use it on the alias as typed).</summary>
    public static bool Matches(string text, string pattern) => HostPatternList.GlobMatches(pattern, text);

    /// <summary>
    /// match_pattern_list: true when some pattern of the comma-separated list matches and no negated one does.
    /// <paramref name="lowerPatterns"/> lower-cases the patterns (for host names, themselves lower-cased).
    /// </summary>
    public static bool MatchesList(string text, string patternList, bool lowerPatterns)
    {
        var positive = false;
        var patterns = patternList.Split(',');
        var count = patternList.EndsWith(',') ? patterns.Length - 1 : patterns.Length;
        for (var i = 0; i < count; i++)
        {
            var pattern = lowerPatterns ? patterns[i].ToLowerInvariant() : patterns[i];
            var negated = pattern.StartsWith('!');
            if (Matches(text, negated ? pattern[1..] : pattern))
            {
                if (negated)
                {
                    return false;
                }

                positive = true;
            }
        }

        return positive;
    }

    /// <summary>match_hostname: the host name lower-cased, against a lower-cased pattern list.</summary>
    public static bool MatchesHostName(string host, string patternList) =>
        MatchesList(host.ToLowerInvariant(), patternList, lowerPatterns: true);
}
