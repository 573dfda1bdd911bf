using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Ssh.Routes;

/// <summary>Log lines about routes (aliases and counts, never credentials); event ids 3400–3499.</summary>
internal static partial class RouteLog
{
    [LoggerMessage(3400, LogLevel.Debug, "Connected to {Alias} through {JumpCount} jump hosts")]
    public static partial void Connected(ILogger logger, string alias, int jumpCount);

    [LoggerMessage(3402, LogLevel.Debug, "Reaching {Alias} through {JumpAlias}: listening on 127.0.0.1:{LocalPort} until it connected")]
    public static partial void Forwarding(ILogger logger, string alias, string jumpAlias, int localPort);

    [LoggerMessage(3401, LogLevel.Information, "SetEnv and SendEnv of {Alias} are not sent: the sshnet transport cannot send environment requests (use transport openssh)")]
    public static partial void EnvironmentNotSent(ILogger logger, string alias);
}
