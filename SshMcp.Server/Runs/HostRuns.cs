using System.Globalization;
using System.Text;
using SshMcp.Server.Sessions;
using SshMcp.Server.Shell;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Runs;

/// <summary>
/// Background runs on one host, asked about through <see cref="ShellScripts.Runs"/> on channels of their own: the
/// session's shell may be busy with a foreground command meanwhile. <paramref name="owner"/> (see
/// <see cref="RunOwner"/>) limits every answer to the caller's runs.
/// </summary>
internal sealed class HostRuns(ISshConnection connection, string owner, TimeSpan bound)
{
    private const int LineBytes = 4 * 1024;
    private const int MaxListBytes = 256 * 1024;
    private static readonly byte[] Script = Encoding.UTF8.GetBytes(ShellScripts.Runs);

    /// <summary>The run's state, or null when the host has no such run of this owner.</summary>
    public async Task<HostRunLine?> StatusAsync(string runId, CancellationToken cancellationToken)
    {
        var (line, _) = await AskAsync(ShellScripts.RunsCommandLine("status", owner, runId), 0, cancellationToken);
        return line;
    }

    /// <summary>
    /// The run's state and up to <paramref name="maxBytes"/> of one stream from <paramref name="offset"/>; when there is
    /// nothing new, the last bytes before the offset instead (the line's <see cref="HostRunLine.Kind"/> says which).
    /// </summary>
    public Task<(HostRunLine? Line, ReadOnlyMemory<byte> Data)> ReadAsync(string runId, RemoteStream stream, long offset, int maxBytes, CancellationToken cancellationToken) =>
        AskAsync(
            ShellScripts.RunsCommandLine("read", owner, runId, stream == RemoteStream.Stdout ? "out" : "err", Number(offset), Number(maxBytes)),
            maxBytes,
            cancellationToken);

    /// <summary>Applies the retention rule, then lists this owner's runs, oldest first.</summary>
    public async Task<IReadOnlyList<HostRunListing>> ListAsync(int retentionMinutes, CancellationToken cancellationToken)
    {
        var result = await RunAsync(ShellScripts.RunsCommandLine("list", owner, Number(retentionMinutes)), MaxListBytes, cancellationToken);
        var runs = new List<HostRunListing>();
        foreach (var text in Encoding.UTF8.GetString(result.Stdout.Span).Split('\n'))
        {
            // "ID run STATE RC OUT ERR ENDED NOW PID KIND COMMAND..."
            var words = text.Split(' ', 11);
            if (words.Length >= 10 && RunIds.IsWellFormed(words[0]) && HostRunLine.TryParse(string.Join(' ', words[1..10]), out var line))
            {
                runs.Add(new HostRunListing(words[0], line, words.Length == 11 ? words[10].Trim() : ""));
            }
        }

        return [.. runs.OrderBy(r => r.RunId, StringComparer.Ordinal)];
    }

    /// <summary>Records <paramref name="exitCode"/> for a run that was killed before it could; answers its state.</summary>
    public async Task<HostRunLine?> MarkAsync(string runId, int exitCode, CancellationToken cancellationToken)
    {
        var (line, _) = await AskAsync(ShellScripts.RunsCommandLine("mark", owner, runId, Number(exitCode)), 0, cancellationToken);
        return line;
    }

    /// <summary>Signals every process of the run (INT, TERM, KILL, each confirmed) through the stop script.</summary>
    public Task<StopVerdict> StopAsync(string runId, int? pid) =>
        ProcessStopper.StopAsync(connection, pid ?? 0, runId, StopScope.Background, 0, bound);

    /// <summary>The state line (after whatever a host's ~/.ssh/rc printed first) and the bytes after it.</summary>
    private async Task<(HostRunLine? Line, ReadOnlyMemory<byte> Data)> AskAsync(string commandLine, int maxBytes, CancellationToken cancellationToken)
    {
        var output = (await RunAsync(commandLine, LineBytes + maxBytes, cancellationToken)).Stdout;
        for (var start = 0; start < output.Length;)
        {
            var length = output.Span[start..].IndexOf((byte)'\n');
            if (length < 0)
            {
                break;
            }

            var text = Encoding.UTF8.GetString(output.Span.Slice(start, length));
            if (text == "none")
            {
                break;
            }

            if (HostRunLine.TryParse(text, out var line))
            {
                return (line, output[(start + length + 1)..]);
            }

            start += length + 1;
        }

        return (null, ReadOnlyMemory<byte>.Empty);
    }

    private Task<HostScriptResult> RunAsync(string commandLine, int maxBytes, CancellationToken cancellationToken) =>
        HostScript.RunAsync(connection, commandLine, Script, maxBytes, bound, cancellationToken);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
