using System.ComponentModel;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Principals;
using SshMcp.Server.Runs;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Tools;

[McpServerToolType]
internal sealed class SshStopTool
{
    private readonly ISessionService _sessions;
    private readonly CallerAccessor _callers;
    private readonly ILogger<SshStopTool> _logger;

    public SshStopTool(ISessionService sessions, CallerAccessor callers, ILogger<SshStopTool> logger)
    {
        _sessions = sessions;
        _callers = callers;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.Stop, Title = "Stop a background run", UseStructuredContent = true, OutputSchemaType = typeof(StopResult), ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true)]
    [Description("Stop a background run: INT, TERM, then KILL to all its processes until none is left. Says how it ended.")]
    public async Task<CallToolResult> StopAsync(
        [Description("From ssh_open.")] string sessionId,
        [Description("From ssh_exec.")] string runId,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw ToolGuard.InvalidArgument("sessionId is required: pass the id ssh_open returned (any open session to the run's host).");
        }

        runId = ToolGuard.RunId(runId);

        using var caller = _callers.Current(cancellationToken);
        return await ToolGuard.AnswerAsync(ToolNames.Stop, _logger, async () =>
        {
            var outcome = await _sessions.StopRunAsync(sessionId.Trim(), caller.Principal, runId, caller.Cancellation);
            var name = outcome.Result switch
            {
                RunStopResult.Stopped => "stopped",
                RunStopResult.AlreadyEnded => "already-ended",
                _ => "stop-unconfirmed",
            };
            return new StopResult(outcome.RunId, name, outcome.Notice, outcome.ExitCode);
        }, caller.Cancellation);
    }
}
