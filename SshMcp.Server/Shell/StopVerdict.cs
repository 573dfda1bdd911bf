using System.Globalization;

namespace SshMcp.Server.Shell;

/// <summary>What the stop script (<see cref="ShellScripts.Stop"/>) reports, read from its output in one place.</summary>
internal abstract record StopVerdict
{
    private StopVerdict()
    {
    }

    /// <summary>
    /// Reads the script's last non-empty line (a host's <c>~/.ssh/rc</c> may print before it): <c>none</c>,
    /// <c>stopped</c> or <c>unconfirmed PIDS</c>. Anything else, or nothing (the channel closed early), proves nothing
    /// was stopped, so it reads as <see cref="Unconfirmed"/> with no PID.
    /// </summary>
    public static StopVerdict Parse(string? output)
    {
        var line = (output ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        return line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) switch
        {
            ["none"] => new None(),
            ["stopped"] => new Stopped(),
            ["unconfirmed", .. var pids] => new Unconfirmed(ParsePids(pids)),
            _ => new Unconfirmed([]),
        };
    }

    private static int[] ParsePids(string[] words) =>
        [.. words.Select(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0).Where(pid => pid > 0)];

    /// <summary>No process of the command (or session) was running: it finished, or it runs inside the shell itself.</summary>
    public sealed record None : StopVerdict;

    /// <summary>Every process found was signalled and is gone.</summary>
    public sealed record Stopped : StopVerdict;

    /// <summary>Processes that outlived every signal (or, with no PID, a script that did not report).</summary>
    public sealed record Unconfirmed(IReadOnlyList<int> Pids) : StopVerdict
    {
        public bool Equals(Unconfirmed? other) => other is not null && Pids.SequenceEqual(other.Pids);

        public override int GetHashCode() => Pids.Count;
    }
}
