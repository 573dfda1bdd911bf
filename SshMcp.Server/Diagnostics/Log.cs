using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Diagnostics;

/// <summary>
/// Every log line the server writes, with fixed event ids. Templates name entities, never arguments, output or
/// credentials.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Opened SSH session {SessionId} to {Username}@{Host}:{Port} in {ElapsedMs} ms over {Transport} (host key {HostKeyStatus})")]
    public static partial void SessionOpened(ILogger logger, string sessionId, string username, string host, int port, long elapsedMs, string transport, string hostKeyStatus);

    [LoggerMessage(1001, LogLevel.Warning, "Could not open an SSH session to {Host}:{Port}: {Reason}")]
    public static partial void SessionOpenFailed(ILogger logger, string host, int port, string reason);

    [LoggerMessage(1002, LogLevel.Information, "Closed SSH session {SessionId} ({CloseReason})")]
    public static partial void SessionClosed(ILogger logger, string sessionId, string closeReason);

    [LoggerMessage(1003, LogLevel.Debug, "Command in session {SessionId} ended with exit code {ExitCode} after {ElapsedMs} ms")]
    public static partial void ExecCompleted(ILogger logger, string sessionId, int? exitCode, long elapsedMs);

    [LoggerMessage(1004, LogLevel.Information, "Command in session {SessionId} was stopped after {ElapsedMs} ms ({Cause}); processes: {StopStatus}")]
    public static partial void ExecStopped(ILogger logger, string sessionId, long elapsedMs, string cause, string stopStatus);

    [LoggerMessage(1005, LogLevel.Information, "The shell of session {SessionId} ended (exit code {ExitCode}, signal {Signal})")]
    public static partial void ShellEnded(ILogger logger, string sessionId, int? exitCode, string? signal);

    [LoggerMessage(1006, LogLevel.Warning, "Stopping processes in session {SessionId} failed: {Error}")]
    public static partial void StopFailed(ILogger logger, string sessionId, string error);

    [LoggerMessage(1007, LogLevel.Information, "Closing session {SessionId}: idle for {IdleMinutes} minutes")]
    public static partial void SessionIdle(ILogger logger, string sessionId, long idleMinutes);

    [LoggerMessage(1008, LogLevel.Error, "Unexpected failure in tool {Tool}")]
    public static partial void ToolFailed(ILogger logger, string tool, Exception exception);

    [LoggerMessage(1009, LogLevel.Warning, "The connection of session {SessionId} was lost: {Error}")]
    public static partial void ConnectionLost(ILogger logger, string sessionId, string error);

    [LoggerMessage(1010, LogLevel.Debug, "Closing session {SessionId} did not finish cleanly: {Error}")]
    public static partial void CloseIncomplete(ILogger logger, string sessionId, string error);

    [LoggerMessage(1011, LogLevel.Information, "Started background run {RunId} from session {SessionId}")]
    public static partial void BackgroundStarted(ILogger logger, string sessionId, string runId);

    [LoggerMessage(1012, LogLevel.Information, "Background run {RunId} on {Host}: {StopResult}")]
    public static partial void RunStopped(ILogger logger, string runId, string host, string stopResult);

    [LoggerMessage(1013, LogLevel.Warning, "Could not list the background runs on {Host}: {Error}")]
    public static partial void RunListFailed(ILogger logger, string host, string error);
}
