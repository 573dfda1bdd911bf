using System.ComponentModel;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Tools;

[McpServerToolType]
internal sealed class SshCloseTool
{
    private readonly ISessionService _sessions;
    private readonly CallerAccessor _callers;
    private readonly ILogger<SshCloseTool> _logger;

    public SshCloseTool(ISessionService sessions, CallerAccessor callers, ILogger<SshCloseTool> logger)
    {
        _sessions = sessions;
        _callers = callers;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.Close, Title = "Close SSH session", UseStructuredContent = true, OutputSchemaType = typeof(CloseResult), ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true)]
    [Description("Close a session: ends its shell and every process it started, and the connection. Closing an unknown or closed session is harmless.")]
    public async Task<CallToolResult> CloseAsync(
        [Description("From ssh_open.")] string sessionId,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw ToolGuard.InvalidArgument("sessionId is required: pass the id ssh_open returned.");
        }

        using var caller = _callers.Current(cancellationToken);
        return await ToolGuard.AnswerAsync(ToolNames.Close, _logger, async () =>
            new CloseResult(sessionId.Trim(), await _sessions.CloseAsync(sessionId.Trim(), caller.Principal, caller.Cancellation)), caller.Cancellation);
    }
}
