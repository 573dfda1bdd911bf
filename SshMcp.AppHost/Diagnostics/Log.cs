using Microsoft.Extensions.Logging;

namespace SshMcp.AppHost.Diagnostics;

/// <summary>The AppHost's log lines (event ids 1200-1299). They name where to connect, never a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(1200, LogLevel.Information, "Disposable sshd ({Mode}): log in as {User} at {Host}:{Port}")]
    public static partial void SshdReady(ILogger logger, string mode, string user, string host, int port);

    [LoggerMessage(1201, LogLevel.Information, "ssh_open arguments: {Arguments}")]
    public static partial void SshOpenArguments(ILogger logger, string arguments);

    [LoggerMessage(1202, LogLevel.Information, "Sshd:Mode is auto and {Runtime}; using {Mode}")]
    public static partial void ModeChosen(ILogger logger, string runtime, string mode);

    [LoggerMessage(1203, LogLevel.Information, "Created the unprivileged login user {User} for the local sshd")]
    public static partial void UserCreated(ILogger logger, string user);

    [LoggerMessage(1204, LogLevel.Debug, "Removing the local sshd's files in {Directory} failed: {Error}")]
    public static partial void CleanupFailed(ILogger logger, string directory, string error);
}
