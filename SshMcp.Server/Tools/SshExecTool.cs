using System.ComponentModel;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Tools;

[McpServerToolType]
internal sealed class SshExecTool
{
    private readonly ISessionService _sessions;
    private readonly CallerAccessor _callers;
    private readonly SshMcpOptions _options;
    private readonly ILogger<SshExecTool> _logger;

    public SshExecTool(ISessionService sessions, CallerAccessor callers, IOptions<SshMcpOptions> options, ILogger<SshExecTool> logger)
    {
        _sessions = sessions;
        _callers = callers;
        _options = options.Value;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.Exec, Title = "Run command over SSH", UseStructuredContent = true, OutputSchemaType = typeof(ExecResult), ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true)]
    [Description("Run a shell command in a session's shell (cd, export and functions persist; stdin is empty). Returns stdout, stderr, exitCode, cwd and a runId; a non-zero exit is not an error. Long output shows its first and last part; ssh_output reads the rest. A timeout stops the command; the session stays usable. Use background for work over a couple of minutes or that must survive a disconnect: it returns at once and runs in a child shell (cd and export do not persist).")]
    public async Task<CallToolResult> ExecAsync(
        [Description("From ssh_open.")] string sessionId,
        [Description("Shell command; multi-line scripts allowed.")] string command,
        [Description("Time limit in ms (default 60000).")] int? timeoutMs = null,
        [Description("Bytes shown per stream (default 32768).")] int? maxOutputBytes = null,
        [Description("Run detached.")] bool background = false,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw ToolGuard.InvalidArgument("sessionId is required: pass the id ssh_open returned.");
        }

        if (string.IsNullOrWhiteSpace(command))
        {
            throw ToolGuard.InvalidArgument("command is empty: pass the shell command to run.");
        }

        if (command.Contains('\0', StringComparison.Ordinal))
        {
            throw ToolGuard.InvalidArgument("command contains a NUL character, which no shell can take. Remove it.");
        }

        var bytes = Encoding.UTF8.GetByteCount(command);
        if (bytes > _options.MaxCommandBytes)
        {
            throw ToolGuard.InvalidArgument($"command is {bytes} bytes, more than the {_options.MaxCommandBytes} allowed. Upload large scripts in parts (e.g. appending with cat >> file <<'EOF') and run the file.");
        }

        var requested = timeoutMs ?? _options.DefaultTimeoutMs;
        if (requested < 1)
        {
            throw ToolGuard.InvalidArgument($"timeoutMs must be positive (got {requested}).");
        }

        var capped = requested > _options.MaxTimeoutMs;
        var timeout = TimeSpan.FromMilliseconds(Math.Min(requested, _options.MaxTimeoutMs));
        var inline = maxOutputBytes ?? _options.MaxOutputBytes;
        if (inline < 0)
        {
            throw ToolGuard.InvalidArgument($"maxOutputBytes must be 0 or more (got {inline}).");
        }

        var notices = new List<string>(2);
        if (capped)
        {
            notices.Add($"timeoutMs was capped at the maximum of {_options.MaxTimeoutMs} ms.");
        }

        if (inline > _options.MaxOutputBytesLimit)
        {
            notices.Add($"maxOutputBytes was capped at the maximum of {_options.MaxOutputBytesLimit}.");
            inline = _options.MaxOutputBytesLimit;
        }

        var request = new ExecRequest(command, timeout, inline, background);
        using var caller = _callers.Current(cancellationToken);
        return await ToolGuard.AnswerAsync(ToolNames.Exec, _logger, async () =>
        {
            var outcome = await _sessions.ExecAsync(sessionId.Trim(), caller.Principal, request, ProgressNotices.Adapt(progress), caller.Cancellation);
            return Shape(outcome, notices.Count == 0 ? null : string.Join(' ', notices));
        }, caller.Cancellation);
    }

    private static ExecResult Shape(ExecOutcome outcome, string? extraNotice)
    {
        var notices = new List<string>(3);
        if (outcome.Notice is not null)
        {
            notices.Add(outcome.Notice);
        }

        if (outcome.BinaryOutput)
        {
            notices.Add("The output is not UTF-8 text (invalid bytes became U+FFFD); pipe binary data through base64 to read it exactly.");
        }

        if (extraNotice is not null)
        {
            notices.Add(extraNotice);
        }

        return new ExecResult(
            outcome.RunId,
            outcome.Stdout.Text,
            outcome.Stderr.Text,
            outcome.Cwd,
            (long)outcome.Duration.TotalMilliseconds,
            outcome.Stdout.TotalBytes,
            outcome.Stderr.TotalBytes,
            outcome.ExitCode,
            outcome.Running,
            outcome.TimedOut,
            outcome.StopStatus,
            outcome.ShellEnded,
            outcome.Stdout.OmittedBytes > 0 || outcome.Stderr.OmittedBytes > 0,
            outcome.Stdout.OmittedBytes,
            outcome.Stderr.OmittedBytes,
            notices.Count == 0 ? null : string.Join(' ', notices));
    }
}
