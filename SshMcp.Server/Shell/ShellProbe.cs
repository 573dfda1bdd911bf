using System.Globalization;

namespace SshMcp.Server.Shell;

/// <summary>The session shell's answer to <see cref="ShellScripts.Probe"/>: <c>PID</c>, then <c> zsh</c> for zsh.</summary>
internal readonly record struct ShellProbe(int Pid, ShellFlavor Flavor)
{
    public static bool TryParse(string? text, out ShellProbe probe)
    {
        probe = default;
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is not ([_] or [_, "zsh"])
            || !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || pid <= 0)
        {
            return false;
        }

        probe = new ShellProbe(pid, words.Length == 2 ? ShellFlavor.Zsh : ShellFlavor.Posix);
        return true;
    }
}
