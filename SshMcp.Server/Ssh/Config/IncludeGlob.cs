namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// glob(3) for Include paths: <c>*</c>, <c>?</c> and <c>[...]</c> in any path component, no match for a leading dot
/// unless the pattern has one, results sorted by byte order; a path without wildcards is returned when it exists.
/// </summary>
internal static class IncludeGlob
{
    private const int MaxMatches = 256;

    public static List<string> Expand(string absolutePattern)
    {
        var matches = new List<string> { "/" };
        foreach (var component in absolutePattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = new List<string>();
            foreach (var directory in matches)
            {
                if (!HasWildcard(component))
                {
                    next.Add(Path.Join(directory, component));
                    continue;
                }

                if (!Directory.Exists(directory))
                {
                    continue;
                }

                next.AddRange(Directory.EnumerateFileSystemEntries(directory)
                    .Where(entry => ComponentMatches(component, Path.GetFileName(entry)))
                    .Order(StringComparer.Ordinal)
                    .Take(MaxMatches));
            }

            matches = next;
        }

        return matches.Where(m => File.Exists(m) || Directory.Exists(m)).Take(MaxMatches).ToList();
    }

    private static bool HasWildcard(string component) => component.AsSpan().IndexOfAny("*?[") >= 0;

    private static bool ComponentMatches(string pattern, string name) =>
        (name[0] != '.' || pattern[0] == '.') && Match(pattern, 0, name, 0);

    private static bool Match(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '*':
                    for (var rest = t; rest <= text.Length; rest++)
                    {
                        if (Match(pattern, p + 1, text, rest))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (t >= text.Length)
                    {
                        return false;
                    }

                    break;
                case '[' when ClassEnd(pattern, p) is var close and > 0:
                    if (t >= text.Length || !ClassMatches(pattern.AsSpan(p + 1, close - p - 1), text[t]))
                    {
                        return false;
                    }

                    p = close;
                    break;
                default:
                    if (t >= text.Length || pattern[p] != text[t])
                    {
                        return false;
                    }

                    break;
            }

            p++;
            t++;
        }

        return t == text.Length;
    }

    // The ']' closing a class that opens at p; a ']' right after '[' (or "[!") belongs to the class.
    private static int ClassEnd(string pattern, int p)
    {
        var first = p + 1 < pattern.Length && pattern[p + 1] is '!' or '^' ? p + 2 : p + 1;
        return first + 1 <= pattern.Length ? pattern.IndexOf(']', Math.Min(first + 1, pattern.Length)) : -1;
    }

    private static bool ClassMatches(ReadOnlySpan<char> set, char c)
    {
        var negated = set.Length > 0 && set[0] is '!' or '^';
        if (negated)
        {
            set = set[1..];
        }

        var found = false;
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                found |= c >= set[i] && c <= set[i + 2];
                i += 2;
            }
            else
            {
                found |= c == set[i];
            }
        }

        return found != negated;
    }
}
