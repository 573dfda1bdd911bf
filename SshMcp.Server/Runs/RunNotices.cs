using System.Globalization;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Runs;

/// <summary>What an <c>ssh_exec</c> result adds about its run: where the rest of its output is, and what the spool did.</summary>
internal static class RunNotices
{
    public const string BackgroundStarted =
        "Started in the background. Read its output with ssh_output (waitMs waits for more); stop it with ssh_stop.";

    /// <summary>What <c>ssh_output</c> with <c>localPath</c> says it saved.</summary>
    public static string Saved(string stream, long from, long to, string sha256, string localPath) =>
        string.Create(CultureInfo.InvariantCulture, $"Saved {stream} bytes {from} to {to} ({to - from} bytes, sha256 {sha256}) to {localPath} on the server's machine.");

    public static string? ForForeground(RunSpool spool, SpoolEntry entry, ExecOutcome outcome)
    {
        var notices = new List<string>(3);
        var omitted = new List<string>(2);
        if (outcome.Stdout.OmittedBytes > 0)
        {
            omitted.Add(string.Create(CultureInfo.InvariantCulture, $"stdout from offset {outcome.Stdout.OmittedFrom}"));
        }

        if (outcome.Stderr.OmittedBytes > 0)
        {
            omitted.Add(string.Create(CultureInfo.InvariantCulture, $"stderr from offset {outcome.Stderr.OmittedFrom}"));
        }

        if (omitted.Count > 0 && spool.BudgetBytes > 0)
        {
            notices.Add($"Read the omitted part with ssh_output: {string.Join(", ", omitted)}.");
        }

        var firstKept = Math.Max(spool.Read(entry, RemoteStream.Stdout, 0, []).FirstKept, spool.Read(entry, RemoteStream.Stderr, 0, []).FirstKept);
        if (firstKept > 0)
        {
            notices.Add($"The spool keeps {Failures.Mebibytes(spool.BudgetBytes)} MiB per session: the start of this output was dropped, ssh_output reads the rest.");
        }

        if (entry.DroppedOthersBytes > 0)
        {
            notices.Add($"To keep it, the spool dropped {Failures.Mebibytes(entry.DroppedOthersBytes)} MiB of earlier runs' output.");
        }

        if (spool.Failure is { } failure)
        {
            notices.Add($"The output could not be kept for ssh_output ({failure}).");
        }

        return notices.Count == 0 ? null : string.Join(' ', notices);
    }

    public static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + " " + second;
}
