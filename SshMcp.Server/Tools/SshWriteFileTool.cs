using System.ComponentModel;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Files;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Tools;

[McpServerToolType]
internal sealed class SshWriteFileTool
{
    private readonly ISessionService _sessions;
    private readonly CallerAccessor _callers;
    private readonly SshMcpOptions _options;
    private readonly ILogger<SshWriteFileTool> _logger;

    public SshWriteFileTool(ISessionService sessions, CallerAccessor callers, IOptions<SshMcpOptions> options, ILogger<SshWriteFileTool> logger)
    {
        _sessions = sessions;
        _callers = callers;
        _options = options.Value;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.WriteFile, Title = "Write file over SSH", UseStructuredContent = true, OutputSchemaType = typeof(WriteFileResult), ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true)]
    [Description("Write a host file (path relative to cwd). Better than echo or heredocs: atomic, keeps mode and owner, binary-safe, sha256-checked; content inline, or localPath uploads a server file.")]
    public async Task<CallToolResult> WriteAsync(
        [Description("From ssh_open.")] string sessionId,
        [Description("Host path.")] string path,
        [Description("The data.")] string? content = null,
        [Description("Upload this server file instead.")] string? localPath = null,
        [Description("text or base64.")] string encoding = "text",
        [Description("Octal, e.g. 0644.")] string? mode = null,
        [Description("Append.")] bool append = false,
        [Description("Create parent dirs.")] bool createDirs = false,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        FileArguments.RequireSession(sessionId);
        FileArguments.RequirePath(path);
        var local = FileArguments.LocalPath(localPath);
        if ((content is null) == (local is null))
        {
            throw ToolGuard.InvalidArgument($"Pass exactly one of content and localPath for {path}.");
        }

        var request = new WriteFileRequest(path, content is null ? null : Decode(path, content, FileArguments.IsBase64(encoding)), local, FileArguments.ParseMode(mode), append, createDirs);
        using var caller = _callers.Current(cancellationToken);
        return await ToolGuard.AnswerAsync(ToolNames.WriteFile, _logger, async () =>
        {
            var outcome = await _sessions.WriteFileAsync(sessionId.Trim(), caller.Principal, request, FileProgress.For(progress, "wrote"), caller.Cancellation);
            return new WriteFileResult(
                outcome.Path,
                outcome.Size,
                FileArguments.FormatMode(outcome.Mode),
                outcome.Sha256,
                outcome.BytesWritten,
                outcome.Created,
                outcome.Via == "exec" ? outcome.Via : null,
                outcome.Notice);
        }, caller.Cancellation);
    }

    private byte[] Decode(string path, string content, bool base64)
    {
        var limit = _options.Files.MaxInlineBytes;
        byte[] bytes;
        if (base64)
        {
            bytes = new byte[(content.Length * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(content, bytes, out var written))
            {
                throw ToolGuard.InvalidArgument($"content is not valid base64, so nothing was written to {path}. Fix the base64, or pass encoding text for plain text.");
            }

            bytes = bytes[..written];
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(content);
        }

        return bytes.Length <= limit
            ? bytes
            : throw ToolGuard.InvalidArgument($"content is {bytes.Length} bytes, more than the {limit} a call carries inline; nothing was written to {path}. Save it on the server's disk and pass localPath, or send it in parts with append.");
    }
}
