using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Audit;

/// <summary>
/// Log messages of the audit trail; event ids 1300–1309. <see cref="Record"/> is the audit record itself, under the
/// category <see cref="Category"/>, for operators who ship audit through their log pipeline (OpenTelemetry).
/// </summary>
internal static partial class AuditLog
{
    public const string Category = "SshMcp.Audit";

    [LoggerMessage(1300, LogLevel.Information, "Audit {Phase} {Call}: {Principal} ({Client}) {Tool} {User}@{Host}:{Port} session {Session} command {Command} {CommandSha256} outcome {Outcome} {Error} exit {ExitCode} timed out {TimedOut} bytes {BytesOut} in {DurationMs} ms")]
    public static partial void Record(
        ILogger logger, string phase, string call, string principal, string? client, string tool, string? user, string? host, int? port, string? session,
        string? command, string? commandSha256, string? outcome, string? error, int? exitCode, bool? timedOut, long? bytesOut, long? durationMs);

    [LoggerMessage(1301, LogLevel.Error, "The audit record of {Tool} could not be written to {Path}: {Error}")]
    public static partial void WriteFailed(ILogger logger, string tool, string path, string error);
}
