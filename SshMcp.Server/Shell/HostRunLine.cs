using System.Globalization;
using Orleans;

namespace SshMcp.Server.Shell;

/// <summary>
/// One state line of <see cref="ShellScripts.Runs"/>: <c>run STATE RC OUT ERR ENDED NOW PID KIND</c>. <see cref="Kind"/>
/// says what follows it on a <c>read</c>: <c>data</c> (the bytes asked for), <c>tail</c> (the last bytes before the
/// offset) or <c>none</c>.
/// </summary>
[GenerateSerializer]
internal sealed record HostRunLine(HostRunState State, int? ExitCode, long StdoutBytes, long StderrBytes, long? EndedAt, long Now, int? Pid, string Kind)
{
    /// <summary>Seconds since the run ended, by the host's clock; null while it runs.</summary>
    public long? EndedSecondsAgo => EndedAt is { } ended ? Math.Max(0, Now - ended) : null;

    public bool IsRunning => State is HostRunState.Running or HostRunState.Starting;

    public static bool TryParse(ReadOnlySpan<char> line, out HostRunLine parsed)
    {
        parsed = null!;
        Span<Range> fields = stackalloc Range[10];
        if (line.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries) != 9
            || !line[fields[0]].SequenceEqual("run")
            || !Enum.TryParse<HostRunState>(line[fields[1]], ignoreCase: true, out var state)
            || !Number(line[fields[3]], out var stdout)
            || !Number(line[fields[4]], out var stderr)
            || !Number(line[fields[6]], out var now))
        {
            return false;
        }

        int? exitCode = int.TryParse(line[fields[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
        long? ended = Number(line[fields[5]], out var at) ? at : null;
        int? pid = int.TryParse(line[fields[7]], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : null;
        parsed = new HostRunLine(state, exitCode, stdout, stderr, ended, now, pid, line[fields[8]].ToString());
        return true;
    }

    private static bool Number(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
