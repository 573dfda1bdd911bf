using System.ComponentModel;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Tools;

[McpServerToolType]
internal sealed class SshListTool
{
    private readonly SessionRegistry _registry;
    private readonly ILogger<SshListTool> _logger;

    public SshListTool(SessionRegistry registry, ILogger<SshListTool> logger)
    {
        _registry = registry;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.List, Title = "List SSH sessions", UseStructuredContent = true, ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("List your open sessions: id, host, user, cwd, idle seconds, busy.")]
    public Task<ListResult> ListAsync(McpServer server, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        return ToolGuard.RunAsync(ToolNames.List, _logger, () =>
        {
            var sessions = _registry.List(server.SessionId)
                .OrderBy(s => s.OpenedAt)
                .Select(s => new SessionSummary(s.Id, s.Endpoint.Host, s.Endpoint.Port, s.Endpoint.Username, s.Cwd, (long)s.IdleTime.TotalSeconds, s.IsBusy))
                .ToList();
            return Task.FromResult(new ListResult(sessions));
        }, cancellationToken);
    }
}
