using System.Globalization;
using System.Text;

namespace SshMcp.Server.Shell;

/// <summary>
/// Builds the line that runs one command in the session's shell:
/// <code>__sshmcp_b N1 N2 TAG RC;command eval 'TEXT' &lt;/dev/null;__sshmcp_e $? N1 N2</code>
/// The command text travels single-quoted (see <see cref="ShellQuoting"/>), is evaluated in the current shell so that
/// <c>cd</c>, <c>export</c> and functions persist, and reads an empty stdin. The markers are printed from two halves of
/// the nonce, so they never occur in what is sent.
/// </summary>
internal static class CommandFrame
{
    public static string Build(string command, FrameMarkers markers, ShellFlavor flavor, string tag, int previousExitCode)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(tag);

        var builder = new StringBuilder(command.Length + 96);
        builder.Append("__sshmcp_b ")
            .Append(markers.NonceFirstHalf).Append(' ')
            .Append(markers.NonceSecondHalf).Append(' ')
            .Append(tag).Append(' ')
            .Append(Math.Clamp(previousExitCode, 0, 255).ToString(CultureInfo.InvariantCulture))
            .Append(flavor == ShellFlavor.Zsh ? ";eval " : ";command eval ");
        ShellQuoting.AppendQuoted(builder, command);
        builder.Append(" </dev/null;__sshmcp_e $? ")
            .Append(markers.NonceFirstHalf).Append(' ')
            .Append(markers.NonceSecondHalf).Append('\n');
        return builder.ToString();
    }
}
