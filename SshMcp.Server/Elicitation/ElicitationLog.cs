using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// Log messages of asking people for secrets; event ids 1200–1299. They name the elicitation (its id opens nothing),
/// the login and what was asked, never a page's capability id, an answer, or a prompt's text.
/// </summary>
internal static partial class ElicitationLog
{
    [LoggerMessage(1200, LogLevel.Information, "Elicitation {ElicitationId}: asking for the {What} of {Target}")]
    public static partial void Asking(ILogger logger, string elicitationId, string what, string target);

    [LoggerMessage(1201, LogLevel.Information, "Elicitation {ElicitationId}: answered on the page")]
    public static partial void Answered(ILogger logger, string elicitationId);

    [LoggerMessage(1202, LogLevel.Information, "Elicitation {ElicitationId}: cancelled on the page")]
    public static partial void CancelledOnPage(ILogger logger, string elicitationId);

    [LoggerMessage(1203, LogLevel.Information, "Elicitation {ElicitationId}: not answered within {TimeoutSeconds} s")]
    public static partial void Expired(ILogger logger, string elicitationId, long timeoutSeconds);

    [LoggerMessage(1204, LogLevel.Warning, "Secret page: refused a {Method} from {Peer}: {Reason}")]
    public static partial void PageRefused(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(1205, LogLevel.Information, "Elicitation {ElicitationId}: the client answered '{Action}'")]
    public static partial void ClientAnswered(ILogger logger, string elicitationId, string action);

    [LoggerMessage(1206, LogLevel.Information, "Secret page listening on {Address}")]
    public static partial void ListenerStarted(ILogger logger, string address);

    [LoggerMessage(1207, LogLevel.Information, "Secret page listener stopped: no prompt open for {IdleSeconds} s")]
    public static partial void ListenerStopped(ILogger logger, long idleSeconds);

    [LoggerMessage(1208, LogLevel.Warning, "A login to {Target} finished after its client stopped waiting; session {SessionId} is closed")]
    public static partial void NeverCollected(ILogger logger, string target, string sessionId);
}
