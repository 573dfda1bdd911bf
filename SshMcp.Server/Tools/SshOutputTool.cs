using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Files;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Runs;
using SshMcp.Server.Sessions;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Tools;

[McpServerToolType]
internal sealed class SshOutputTool
{
    private const int DefaultMaxBytes = 32 * 1024;

    private readonly ISessionService _sessions;
    private readonly CallerAccessor _callers;
    private readonly SshMcpOptions _options;
    private readonly LocalFiles _local;
    private readonly ILogger<SshOutputTool> _logger;

    public SshOutputTool(ISessionService sessions, CallerAccessor callers, IOptions<SshMcpOptions> options, LocalFiles local, ILogger<SshOutputTool> logger)
    {
        _sessions = sessions;
        _callers = callers;
        _options = options.Value;
        _local = local;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.Output, Title = "Read a run's output", UseStructuredContent = true, OutputSchemaType = typeof(OutputResult), ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Read a run's stdout or stderr from a byte offset: what ssh_exec omitted, or a background run's output (any session to its host). Continue from nextOffset; waitMs waits for more; localPath saves all on the server.")]
    public async Task<CallToolResult> OutputAsync(
        [Description("From ssh_open.")] string sessionId,
        [Description("From ssh_exec.")] string runId,
        [Description("stdout or stderr.")] string stream = "stdout",
        long offset = 0,
        int maxBytes = DefaultMaxBytes,
        [Description("Ms to wait for more output.")] int waitMs = 0,
        [Description("Exact bytes as base64.")] bool base64 = false,
        [Description("Save to this server path instead.")] string? localPath = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var request = Validate(sessionId, runId, stream, offset, maxBytes, waitMs, base64);
        using var caller = _callers.Current(cancellationToken);
        return await ToolGuard.AnswerAsync(ToolNames.Output, _logger, async () =>
        {
            if (FileArguments.LocalPath(localPath) is { } path)
            {
                request = request with { LocalPath = _local.ResolveDestination(path) };
            }

            var chunk = await _sessions.ReadOutputAsync(sessionId.Trim(), caller.Principal, request, ProgressNotices.Adapt(progress), caller.Cancellation);
            return new OutputResult(
                chunk.RunId,
                SpoolOutputReader.StreamName(chunk.Stream),
                chunk.Text,
                chunk.Offset,
                chunk.NextOffset,
                chunk.TotalBytes,
                chunk.Running,
                chunk.ExitCode,
                chunk.TruncatedAtStart,
                chunk.Base64 ? "base64" : null,
                chunk.Notice);
        }, caller.Cancellation);
    }

    private OutputRequest Validate(string sessionId, string runId, string stream, long offset, int maxBytes, int waitMs, bool base64)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw ToolGuard.InvalidArgument("sessionId is required: pass the id ssh_open returned (any open session to the run's host).");
        }

        runId = ToolGuard.RunId(runId);

        var which = stream?.Trim().ToLowerInvariant() switch
        {
            "stdout" or "" or null => RemoteStream.Stdout,
            "stderr" => RemoteStream.Stderr,
            _ => throw ToolGuard.InvalidArgument($"stream must be stdout or stderr (got '{stream}')."),
        };

        if (offset < 0)
        {
            throw ToolGuard.InvalidArgument($"offset must be 0 or more (got {offset}); it counts bytes from the start of the stream.");
        }

        if (maxBytes < 1)
        {
            throw ToolGuard.InvalidArgument($"maxBytes must be at least 1 (got {maxBytes}).");
        }

        if (waitMs < 0)
        {
            throw ToolGuard.InvalidArgument($"waitMs must be 0 or more (got {waitMs}).");
        }

        return new OutputRequest(
            runId,
            which,
            offset,
            Math.Min(maxBytes, _options.MaxOutputBytesLimit),
            TimeSpan.FromMilliseconds(Math.Min(waitMs, _options.MaxTimeoutMs)),
            base64);
    }
}
