using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Files;
using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Tools;

[McpServerToolType]
internal sealed class SshReadFileTool
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly ISessionService _sessions;
    private readonly CallerAccessor _callers;
    private readonly ILogger<SshReadFileTool> _logger;

    public SshReadFileTool(ISessionService sessions, CallerAccessor callers, ILogger<SshReadFileTool> logger)
    {
        _sessions = sessions;
        _callers = callers;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.ReadFile, Title = "Read file over SSH", UseStructuredContent = true, OutputSchemaType = typeof(ReadFileResult), ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Read a host file (path relative to cwd). Better than cat: exact text or base64, sha256, mode; slice with offset/maxBytes (32 KiB default); localPath saves any size on the server.")]
    public async Task<CallToolResult> ReadAsync(
        [Description("From ssh_open.")] string sessionId,
        [Description("Host path.")] string path,
        [Description("First byte.")] long offset = 0,
        [Description("Most bytes.")] long? maxBytes = null,
        [Description("text or base64.")] string encoding = "text",
        [Description("Save to this server path instead.")] string? localPath = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        FileArguments.RequireSession(sessionId);
        FileArguments.RequirePath(path);
        if (offset < 0 || maxBytes < 0)
        {
            throw ToolGuard.InvalidArgument($"offset and maxBytes must not be negative (got {offset} and {maxBytes}).");
        }

        var base64 = FileArguments.IsBase64(encoding);
        var request = new ReadFileRequest(path, offset, maxBytes, !base64, FileArguments.LocalPath(localPath));
        using var caller = _callers.Current(cancellationToken);
        return await ToolGuard.AnswerAsync(ToolNames.ReadFile, _logger, async () =>
        {
            var outcome = await _sessions.ReadFileAsync(sessionId.Trim(), caller.Principal, request, FileProgress.For(progress, "read"), caller.Cancellation);
            return Shape(outcome, base64);
        }, caller.Cancellation);
    }

    private static ReadFileResult Shape(ReadFileOutcome outcome, bool base64)
    {
        string? content = null;
        var notice = outcome.Notice;
        if (outcome.Content is { } bytes)
        {
            if (base64)
            {
                content = Convert.ToBase64String(bytes);
            }
            else
            {
                try
                {
                    content = StrictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    content = Encoding.UTF8.GetString(bytes);
                    notice = (notice is null ? "" : notice + " ") + "The file is not UTF-8 text (invalid bytes became U+FFFD); pass encoding base64 to read it exactly.";
                }
            }
        }

        return new ReadFileResult(
            outcome.Path,
            outcome.Size,
            FileArguments.FormatMode(outcome.Mode),
            outcome.Bytes,
            outcome.Sha256,
            outcome.Modified?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            outcome.Offset,
            content,
            outcome.FileSha256,
            outcome.NextOffset,
            outcome.LocalPath,
            outcome.Via == "exec" ? outcome.Via : null,
            notice);
    }
}
