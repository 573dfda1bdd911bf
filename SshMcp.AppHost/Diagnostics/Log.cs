using Microsoft.Extensions.Logging;

namespace SshMcp.AppHost.Diagnostics;

/// <summary>The AppHost's log lines (event ids 1200-1299). They name where to connect, never a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(1200, LogLevel.Information, "Disposable sshd ({Choice}): log in as {User} at {Host}:{Port}")]
    public static partial void SshdReady(ILogger logger, string choice, string user, string host, int port);

    [LoggerMessage(1201, LogLevel.Information, "ssh_open arguments: {Arguments}")]
    public static partial void SshOpenArguments(ILogger logger, string arguments);
}
