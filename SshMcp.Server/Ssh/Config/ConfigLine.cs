using System.Text;

namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// One ssh_config line split as OpenSSH 9.2 splits it: a case-insensitive keyword, then <c>value</c>,
/// <c>= value</c> or <c>=value</c>; the arguments split on spaces and tabs with <c>"</c> and <c>'</c> quotes and
/// backslash escapes, up to a <c>#</c> that starts an argument.
/// </summary>
internal sealed record ConfigLine(string Keyword, string Rest, IReadOnlyList<string> Arguments)
{
    private const string Whitespace = " \t\r\n";

    /// <summary>The rest of the line after the keyword without leading spaces or <c>=</c>: ProxyCommand and ProxyJump take it whole.</summary>
    public string RawValue => Rest.TrimStart([.. Whitespace, '=']);

    /// <summary>Null for a blank or comment line; throws <see cref="FormatException"/> with ssh's reason.</summary>
    public static ConfigLine? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        line = line.TrimEnd([.. Whitespace, '\f']);
        var position = 0;
        var keyword = NextToken(line, ref position);
        if (keyword?.Length == 0)
        {
            keyword = NextToken(line, ref position); // the line began with whitespace
        }

        if (string.IsNullOrEmpty(keyword) || keyword[0] == '#')
        {
            return null;
        }

        keyword = keyword.ToLowerInvariant();
        var rest = position < line.Length ? line[position..].TrimStart(Whitespace.ToCharArray()) : "";
        if (rest.Length == 0)
        {
            throw new FormatException($"no argument after keyword \"{keyword}\"");
        }

        return new ConfigLine(keyword, rest, SplitArguments(rest));
    }

    /// <summary>
    /// ssh's strdelim: the next token up to whitespace, a quote or one <c>=</c>; a quoted part is taken to its
    /// closing quote. Null when nothing is left; throws when a quote is not closed.
    /// </summary>
    public static string? NextToken(string text, ref int position)
    {
        if (position > text.Length)
        {
            return null;
        }

        var start = position;
        var delimiter = text.IndexOfAny([.. Whitespace, '"', '='], start);
        if (delimiter < 0)
        {
            position = text.Length + 1;
            return text[start..];
        }

        if (text[delimiter] == '"')
        {
            var close = text.IndexOf('"', delimiter + 1);
            if (close < 0)
            {
                throw new FormatException("invalid quotes");
            }

            position = SkipWhitespace(text, close + 1);
            return text[start..delimiter] + text[(delimiter + 1)..close];
        }

        var token = text[start..delimiter];
        var sawEquals = text[delimiter] == '=';
        position = SkipWhitespace(text, delimiter + 1);
        if (!sawEquals && position < text.Length && text[position] == '=')
        {
            position = SkipWhitespace(text, position + 1);
        }

        return token;
    }

    /// <summary>ssh's argv_split with comments: the arguments of a value.</summary>
    public static List<string> SplitArguments(string text)
    {
        var arguments = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] is ' ' or '\t')
            {
                i++;
                continue;
            }

            if (text[i] == '#')
            {
                break;
            }

            var argument = new StringBuilder();
            char quote = '\0';
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\\' && i + 1 < text.Length && (text[i + 1] is '\'' or '"' or '\\' || (quote == '\0' && text[i + 1] == ' ')))
                {
                    argument.Append(text[++i]);
                }
                else if (quote == '\0' && c is ' ' or '\t')
                {
                    break;
                }
                else if (quote == '\0' && c is '"' or '\'')
                {
                    quote = c;
                }
                else if (quote != '\0' && c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    argument.Append(c);
                }
            }

            if (quote != '\0')
            {
                throw new FormatException("invalid quotes");
            }

            arguments.Add(argument.ToString());
        }

        return arguments;
    }

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && Whitespace.Contains(text[position], StringComparison.Ordinal))
        {
            position++;
        }

        return position;
    }
}
