using System.ComponentModel;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using System.Globalization;
using SshMcp.Server.Principals;
using SshMcp.Server.Runs;
using SshMcp.Server.Sessions;
using SshMcp.Server.Shell;

namespace SshMcp.Server.Tools;

[McpServerToolType]
internal sealed class SshListTool
{
    private readonly SessionRegistry _registry;
    private readonly CallerAccessor _callers;
    private readonly ILogger<SshListTool> _logger;

    public SshListTool(SessionRegistry registry, CallerAccessor callers, ILogger<SshListTool> logger)
    {
        _registry = registry;
        _callers = callers;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.List, Title = "List SSH sessions", UseStructuredContent = true, ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("List your open sessions, and your background runs on their hosts with their state and exit code.")]
    public async Task<ListResult> ListAsync(CancellationToken cancellationToken = default)
    {
        using var caller = _callers.Current(cancellationToken);
        return await ToolGuard.RunAsync(ToolNames.List, _logger, async () =>
        {
            var sessions = _registry.List(caller.Principal)
                .OrderBy(s => s.OpenedAt)
                .Select(s => new SessionSummary(s.Id, s.Endpoint.Host, s.Endpoint.Port, s.Endpoint.Username, s.Endpoint.Transport, s.Cwd, (long)s.IdleTime.TotalSeconds, s.IsBusy))
                .ToList();
            var listing = await _registry.ListRunsAsync(caller.Principal, caller.Cancellation);
            var runs = listing.Runs.Select(Summary).ToList();
            var notice = listing.Unreachable.Count == 0 ? null : $"Could not list the background runs on {string.Join(", ", listing.Unreachable)}.";
            return new ListResult(sessions, runs.Count == 0 ? null : runs, notice);
        }, caller.Cancellation);
    }

    private static RunSummary Summary(ListedRun listed)
    {
        var line = listed.Run.Line;
        var state = line.State switch
        {
            HostRunState.Starting => "running",
            _ => line.State.ToString().ToLowerInvariant(),
        };
        return new RunSummary(
            listed.Run.RunId,
            listed.SessionId,
            listed.Host,
            listed.Username,
            state,
            RunIds.StartedAt(listed.Run.RunId).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            listed.Run.Command,
            line.StdoutBytes,
            line.StderrBytes,
            line.ExitCode);
    }
}
