using Microsoft.Extensions.Hosting;

namespace SshMcp.Server.Diagnostics;

/// <summary>
/// Every name the server's telemetry uses: the source, spans, metrics, attributes and tag values. Names follow the
/// OpenTelemetry conventions (lower-case, dotted, durations in seconds); <c>server.address</c>, <c>server.port</c>
/// and <c>error.type</c> are the semantic-convention attributes of the same meaning.
/// </summary>
public static class TelemetryNames
{
    /// <summary>The name of the ActivitySource and the Meter; ServiceDefaults listens to it.</summary>
    public const string SourceName = ServiceDefaultsExtensions.TelemetrySourceName;

    public const string OpenSpan = "ssh.open";
    public const string ExecSpan = "ssh.exec";
    public const string CloseSpan = "ssh.close";
    public const string ReadFileSpan = "ssh.read_file";
    public const string WriteFileSpan = "ssh.write_file";

    public const string SessionsActive = "sshmcp.sessions.active";
    public const string ExecDuration = "sshmcp.exec.duration";
    public const string ExecCount = "sshmcp.exec.count";
    public const string OpenFailures = "sshmcp.open.failures";
    public const string OutputBytes = "sshmcp.output.bytes";

    /// <summary>The session's log reference (<c>SessionIds.LogRef</c>), never its id: ids are bearer handles.</summary>
    public const string SessionId = "ssh.session.ref";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string User = "ssh.user";
    public const string HostKeyStatus = "ssh.host_key.status";
    public const string ExitCode = "ssh.exit_code";
    public const string Signal = "ssh.signal";
    public const string TimedOut = "ssh.timed_out";
    public const string DurationMs = "ssh.duration_ms";
    public const string StdoutBytes = "ssh.stdout.bytes";
    public const string StderrBytes = "ssh.stderr.bytes";
    public const string Truncated = "ssh.truncated";
    public const string Stop = "ssh.stop";
    public const string ShellEnded = "ssh.shell_ended";
    public const string Command = "ssh.command";
    public const string CloseReason = "ssh.close.reason";
    public const string FileBytes = "ssh.file.bytes";
    public const string FileVia = "ssh.file.via";
    public const string ErrorType = "error.type";

    /// <summary>Tag of <see cref="ExecDuration"/> and <see cref="ExecCount"/>, and an attribute of <see cref="ExecSpan"/>.</summary>
    public const string Outcome = "outcome";

    /// <summary>Tag of <see cref="OpenFailures"/>: the failure kind in snake_case (<c>authentication_failed</c>).</summary>
    public const string Reason = "reason";

    /// <summary>Tag of <see cref="OutputBytes"/>: <c>stdout</c> or <c>stderr</c>.</summary>
    public const string OutputStream = "stream";

    public const string OutcomeOk = "ok";
    public const string OutcomeNonZero = "nonzero";
    public const string OutcomeTimeout = "timeout";
    public const string OutcomeCancelled = "cancelled";
    public const string OutcomeError = "error";

    public const string StreamStdout = "stdout";
    public const string StreamStderr = "stderr";
}
