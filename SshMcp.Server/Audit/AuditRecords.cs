using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Audit;

/// <summary>
/// Builds the start and end records of a call from what the tool was given and what it returned (pure). Only named
/// fields are read from the arguments: never <c>password</c>, <c>privateKey</c> or <c>passphrase</c>.
/// </summary>
internal static class AuditRecords
{
    public static AuditRecord Start(
        DateTimeOffset time, string call, string principal, string? client, CallToolRequestParams request, SessionEndpoint? session, string commandMode)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = request.Arguments;
        var command = Text(args, "command");
        var sessionId = Text(args, "sessionId")?.Trim();
        return new AuditRecord
        {
            Time = time,
            Phase = "start",
            Call = call,
            Principal = principal,
            Client = client,
            Tool = request.Name,
            Host = session?.Host ?? Text(args, "host")?.Trim(),
            User = session?.Username ?? Text(args, "username")?.Trim(),
            // ssh_open's port as asked (the config's or 22 when not): its end record says where the session really is.
            Port = session?.Port ?? Number(args, "port"),
            Transport = session?.Transport ?? Text(args, "transport"),
            Session = string.IsNullOrEmpty(sessionId) ? null : SessionIds.LogRef(sessionId),
            RunId = Text(args, "runId"),
            Command = commandMode == AuditCommandMode.Record ? command : null,
            CommandSha256 = commandMode == AuditCommandMode.Hash && command is not null
                ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(command)))
                : null,
        };
    }

    public static AuditRecord End(AuditRecord start, CallToolResult result, string? errorKind, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(result);
        var content = result.StructuredContent is { ValueKind: JsonValueKind.Object } structured ? structured : default;
        var exitCode = Number(content, "exitCode");
        var timedOut = content.ValueKind == JsonValueKind.Object && content.TryGetProperty("timedOut", out var t) && t.ValueKind == JsonValueKind.True;
        var stdout = Long(content, "stdoutBytes");
        var stderr = Long(content, "stderrBytes");
        var sessionId = Text(content, "sessionId");
        var running = content.ValueKind == JsonValueKind.Object && content.TryGetProperty("running", out var r) && r.ValueKind == JsonValueKind.True;
        // An exec result carries stdoutBytes; a background run just started has no exit code yet.
        var exec = stdout is not null;
        var outcome = result.IsError == true ? "error" : timedOut ? "timeout" : exec && !running && exitCode != 0 ? "nonzero" : "ok";
        return start with
        {
            Phase = "end",
            // An ssh_open result names the host, user and port ssh_config resolved the asked name to.
            Host = Text(content, "host") ?? start.Host,
            User = Text(content, "username") ?? start.User,
            Port = Number(content, "port") ?? start.Port,
            Session = start.Session ?? (sessionId is null ? null : SessionIds.LogRef(sessionId)),
            Transport = start.Transport ?? Text(content, "transport"),
            RunId = start.RunId ?? Text(content, "runId"),
            Outcome = outcome,
            Error = result.IsError == true ? errorKind ?? "tool_error" : null,
            ExitCode = exitCode,
            TimedOut = exec ? timedOut : null,
            BytesOut = stdout is null && stderr is null ? null : (stdout ?? 0) + (stderr ?? 0),
            DurationMs = (long)duration.TotalMilliseconds,
        };
    }

    /// <summary>
    /// The end of a call that threw instead of returning: cancelled by the client, a tool error (the SDK turns an
    /// <see cref="McpException"/> into the error result outside this filter) or anything else, named by its type.
    /// </summary>
    public static AuditRecord Failed(AuditRecord start, Exception exception, string? errorKind, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(start);
        var cancelled = exception is OperationCanceledException;
        // A round of a call that asks the person for a secret (Elicitation/): the client calls again with the answer.
        var inputRequired = exception is InputRequiredException;
        return start with
        {
            Phase = "end",
            Outcome = cancelled ? "cancelled" : inputRequired ? "input_required" : "error",
            Error = cancelled || inputRequired ? null : errorKind ?? (exception is McpException ? "tool_error" : exception.GetType().Name),
            DurationMs = (long)duration.TotalMilliseconds,
        };
    }

    private static string? Text(IDictionary<string, JsonElement>? args, string name) =>
        args is not null && args.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(IDictionary<string, JsonElement>? args, string name) =>
        args is not null && args.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static string? Text(JsonElement content, string name) =>
        content.ValueKind == JsonValueKind.Object && content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement content, string name) =>
        content.ValueKind == JsonValueKind.Object && content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static long? Long(JsonElement content, string name) =>
        content.ValueKind == JsonValueKind.Object && content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
}
