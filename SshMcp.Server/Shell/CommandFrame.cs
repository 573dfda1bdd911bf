using System.Globalization;
using System.Text;

namespace SshMcp.Server.Shell;

/// <summary>
/// Builds the line that runs one command in the session's shell:
/// <code>__sm_b NONCE RUN RC;command eval 'TEXT' &lt;/dev/null;__sm_e $?</code>
/// The command text travels single-quoted (see <see cref="ShellQuoting"/>), is evaluated in the current shell so that
/// <c>cd</c>, <c>export</c> and functions persist, and reads an empty stdin. <c>RC</c> is the previous command's exit
/// status, restored so that <c>$?</c> reads as it would in a terminal.
/// </summary>
internal static class CommandFrame
{
    public static string Build(string command, FrameMarkers markers, ShellFlavor flavor, int run, int previousExitCode)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(markers);

        var builder = new StringBuilder(command.Length + 64);
        builder.Append("__sm_b ")
            .Append(markers.Nonce).Append(' ')
            .Append(run.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(Math.Clamp(previousExitCode, 0, 255).ToString(CultureInfo.InvariantCulture))
            .Append(flavor == ShellFlavor.Zsh ? ";eval " : ";command eval ");
        ShellQuoting.AppendQuoted(builder, command);
        builder.Append(" </dev/null;__sm_e $?\n");
        return builder.ToString();
    }
}
