using System.Text;

namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// OpenSSH's percent_expand and dollar_expand: <c>%x</c> tokens from a fixed set (<c>%%</c> is a percent sign) and
/// <c>${NAME}</c> environment variables. An unknown token, a lone <c>%</c> or an unset variable is an error, as in ssh.
/// </summary>
internal static class TokenExpander
{
    /// <summary>Expands <paramref name="text"/>; throws <see cref="FormatException"/> with ssh's reason.</summary>
    /// <param name="tokens">Values of the <c>%x</c> tokens, or null to leave percent signs alone.</param>
    /// <param name="getEnvironmentVariable">Lookup for <c>${NAME}</c>, or null to leave dollar signs alone.</param>
    public static string Expand(string text, IReadOnlyDictionary<char, string>? tokens, Func<string, string?>? getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (getEnvironmentVariable is not null && c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end < 0)
                {
                    throw new FormatException($"environment variable '{text[(i + 2)..]}' missing closing '}}'");
                }

                var name = text[(i + 2)..end];
                if (name.Length == 0)
                {
                    throw new FormatException("zero-length environment variable");
                }

                result.Append(getEnvironmentVariable(name) ?? throw new FormatException($"env var ${{{name}}} has no value"));
                i = end;
            }
            else if (tokens is not null && c == '%')
            {
                if (++i >= text.Length)
                {
                    throw new FormatException("invalid format: '%' at the end");
                }

                var key = text[i];
                if (key == '%')
                {
                    result.Append('%');
                }
                else
                {
                    result.Append(tokens.TryGetValue(key, out var value) ? value : throw new FormatException($"unknown key %{key}"));
                }
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
