using System.Text;

namespace SshMcp.Server.Shell;

/// <summary>
/// POSIX single-quote encoding: inside <c>'…'</c> no character is special except the quote itself, which is
/// written as <c>'\''</c>. The encoding is lossless for every string without NUL, so a command's text can never
/// break the frame it is carried in, whatever quotes, comments, here-docs or newlines it holds.
/// </summary>
internal static class ShellQuoting
{
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quotes = text.AsSpan().Count('\'');
        var builder = new StringBuilder(text.Length + 2 + (quotes * 3));
        AppendQuoted(builder, text);
        return builder.ToString();
    }

    public static void AppendQuoted(StringBuilder builder, string text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        builder.Append('\'');
        var rest = text.AsSpan();
        while (true)
        {
            var quote = rest.IndexOf('\'');
            if (quote < 0)
            {
                builder.Append(rest);
                break;
            }

            builder.Append(rest[..quote]).Append("'\\''");
            rest = rest[(quote + 1)..];
        }

        builder.Append('\'');
    }
}
