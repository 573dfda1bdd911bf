namespace SshMcp.Server.Tools;

/// <summary>One background run as <c>ssh_list</c> shows it.</summary>
/// <param name="SessionId">A session to the run's host, through which ssh_output and ssh_stop reach it.</param>
/// <param name="State">running, ended, lost (gone without an exit status) or removed (output deleted after retention).</param>
/// <param name="StartedAt">When it started (UTC, ISO 8601).</param>
/// <param name="Command">The start of its command's first line.</param>
public sealed record RunSummary(
    string RunId,
    string SessionId,
    string Host,
    string Username,
    string State,
    string StartedAt,
    string Command,
    long StdoutBytes,
    long StderrBytes,
    int? ExitCode = null);
