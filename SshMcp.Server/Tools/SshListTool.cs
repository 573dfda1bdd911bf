using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Principals;
using SshMcp.Server.Runs;
using SshMcp.Server.Sessions;
using SshMcp.Server.Shell;

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

    [McpServerTool(Name = ToolNames.List, Title = "List SSH sessions", UseStructuredContent = true, OutputSchemaType = typeof(ListResult), ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("List your open sessions, and your background runs on their hosts with their state and exit code.")]
    public async Task<CallToolResult> ListAsync(CancellationToken cancellationToken = default)
    {
        using var caller = _callers.Current(cancellationToken);
        return await ToolGuard.AnswerAsync(ToolNames.List, _logger, async () =>
        {
            var sessions = await _sessions.ListAsync(caller.Principal, caller.Cancellation);
            var summaries = sessions.Select(s => new SessionSummary(s.Id, s.Endpoint.Host, s.Endpoint.Port, s.Endpoint.Username, s.Endpoint.Transport, s.Cwd, s.IdleSeconds, s.Busy)).ToList();
            var listing = await _sessions.ListRunsAsync(caller.Principal, caller.Cancellation);
            var runs = listing.Runs.Select(Summary).ToList();
            var notice = listing.Unreachable.Count == 0 ? null : $"Could not list the background runs on {string.Join(", ", listing.Unreachable)}.";
            return new ListResult(summaries, runs.Count == 0 ? null : runs, notice);
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
