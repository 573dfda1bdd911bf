using System.ComponentModel;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Tools;

[McpServerToolType]
internal sealed class SshCloseTool
{
    private readonly SessionRegistry _registry;
    private readonly CallerAccessor _callers;
    private readonly ILogger<SshCloseTool> _logger;

    public SshCloseTool(SessionRegistry registry, CallerAccessor callers, ILogger<SshCloseTool> logger)
    {
        _registry = registry;
        _callers = callers;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.Close, Title = "Close SSH session", UseStructuredContent = true, ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true)]
    [Description("Close a session: ends its shell and every process it started, and the connection. Closing an unknown or closed session is harmless.")]
    public async Task<CloseResult> CloseAsync(
        [Description("From ssh_open.")] string sessionId,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw ToolGuard.InvalidArgument("sessionId is required: pass the id ssh_open returned.");
        }

        using var caller = _callers.Current(cancellationToken);
        return await ToolGuard.RunAsync(ToolNames.Close, _logger, async () =>
            new CloseResult(sessionId.Trim(), await _registry.CloseAsync(sessionId.Trim(), caller.Principal)), caller.Cancellation);
    }
}
