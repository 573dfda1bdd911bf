using System.ComponentModel;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Tools;

[McpServerToolType]
internal sealed class SshListTool
{
    private readonly ISessionService _sessions;
    private readonly CallerAccessor _callers;
    private readonly ILogger<SshListTool> _logger;

    public SshListTool(ISessionService sessions, CallerAccessor callers, ILogger<SshListTool> logger)
    {
        _sessions = sessions;
        _callers = callers;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.List, Title = "List SSH sessions", UseStructuredContent = true, ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("List your open sessions: id, host, user, transport, cwd, idle seconds, busy.")]
    public async Task<ListResult> ListAsync(CancellationToken cancellationToken = default)
    {
        using var caller = _callers.Current(cancellationToken);
        return await ToolGuard.RunAsync(ToolNames.List, _logger, async () =>
        {
            var sessions = await _sessions.ListAsync(caller.Principal, caller.Cancellation);
            return new ListResult([.. sessions.Select(s => new SessionSummary(s.Id, s.Endpoint.Host, s.Endpoint.Port, s.Endpoint.Username, s.Endpoint.Transport, s.Cwd, s.IdleSeconds, s.Busy))]);
        }, caller.Cancellation);
    }
}
