using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Targets;

/// <summary>Log messages of the target allow list; event ids 1200–1209.</summary>
internal static partial class TargetLog
{
    [LoggerMessage(1200, LogLevel.Warning, "Refused a connection for {Principal} to {Host} port {Port}: not in the allowed targets")]
    public static partial void Refused(ILogger logger, string principal, string host, int port);
}
