using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SshMcp.TestKit;

namespace SshMcp.Bench.Server;

/// <summary>The server's tools as the benchmark calls them, every call bounded.</summary>
/// <param name="transport">ssh_open's transport: <c>sshnet</c> unless a measurement names the other.</param>
internal sealed class SshTools(McpClient client, string transport = SshTools.SshNet)
{
    public const string SshNet = "sshnet";
    public const string OpenSsh = "openssh";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>ssh_open with the password (or <paramref name="keyPath"/>), the host key pinned; null when the answer was not a session.</summary>
    public async Task<string?> OpenAsync(TestSshd sshd, string? keyPath = null)
    {
        ArgumentNullException.ThrowIfNull(sshd);
        var result = await client.CallToolAsync(
            "ssh_open",
            new Dictionary<string, object?>
            {
                ["host"] = sshd.Host,
                ["port"] = sshd.Port,
                ["username"] = sshd.Username,
                ["password"] = keyPath is null ? sshd.Password : null,
                ["privateKeyPath"] = keyPath,
                ["hostKeyFingerprint"] = sshd.HostKeyFingerprintSha256,
                ["transport"] = transport,
            }).AsTask().WaitAsync(Bound);
        return result.IsError != true
            && result.StructuredContent is { ValueKind: JsonValueKind.Object } content
            && content.TryGetProperty("sessionId", out var id) && id.GetString() is { Length: > 0 } sessionId
            && content.TryGetProperty("cwd", out var cwd) && cwd.GetString() is { Length: > 0 }
                ? sessionId
                : null;
    }

    /// <summary>Opens a session or throws with the server's words: for set-up, where a failure ends the run.</summary>
    public async Task<string> OpenOrThrowAsync(TestSshd sshd) =>
        await OpenAsync(sshd) ?? throw new InvalidOperationException("ssh_open failed; see the server's log above.");

    public async Task<ExecAnswer> ExecAsync(string sessionId, string command) =>
        ExecAnswer.From(await client.CallToolAsync(
            "ssh_exec",
            new Dictionary<string, object?> { ["sessionId"] = sessionId, ["command"] = command }).AsTask().WaitAsync(Bound));

    /// <summary>ssh_exec with more arguments (maxOutputBytes, background); the result's runId comes with it.</summary>
    public async Task<(ExecAnswer Answer, string? RunId, bool Running)> ExecAsync(string sessionId, string command, IReadOnlyDictionary<string, object?> more)
    {
        var arguments = new Dictionary<string, object?>(more) { ["sessionId"] = sessionId, ["command"] = command };
        var result = await client.CallToolAsync("ssh_exec", arguments).AsTask().WaitAsync(Bound);
        var content = result.StructuredContent is { ValueKind: JsonValueKind.Object } c ? c : default;
        return (ExecAnswer.From(result), Text(content, "runId"), content.ValueKind == JsonValueKind.Object && content.TryGetProperty("running", out var r) && r.ValueKind == JsonValueKind.True);
    }

    /// <summary>ssh_output: the text's UTF-8 bytes, where the next read starts, the stream's size; null on a tool error.</summary>
    public async Task<(long Bytes, long NextOffset, long TotalBytes)?> OutputAsync(string sessionId, string runId, long offset, int maxBytes)
    {
        var result = await client.CallToolAsync(
            "ssh_output",
            new Dictionary<string, object?> { ["sessionId"] = sessionId, ["runId"] = runId, ["offset"] = offset, ["maxBytes"] = maxBytes }).AsTask().WaitAsync(Bound);
        if (result.IsError == true || result.StructuredContent is not { ValueKind: JsonValueKind.Object } content)
        {
            return null;
        }

        return (System.Text.Encoding.UTF8.GetByteCount(Text(content, "text") ?? ""), content.GetProperty("nextOffset").GetInt64(), content.GetProperty("totalBytes").GetInt64());
    }

    /// <summary>ssh_output with localPath: the end offset and total the server reported, or null on an error.</summary>
    public async Task<(long NextOffset, long TotalBytes)?> SaveOutputAsync(string sessionId, string runId, string localPath)
    {
        var result = await client.CallToolAsync(
            "ssh_output",
            new Dictionary<string, object?> { ["sessionId"] = sessionId, ["runId"] = runId, ["localPath"] = localPath }).AsTask().WaitAsync(Bound);
        return result.IsError == true || result.StructuredContent is not { ValueKind: JsonValueKind.Object } content
            ? null
            : (content.GetProperty("nextOffset").GetInt64(), content.GetProperty("totalBytes").GetInt64());
    }

    /// <summary>ssh_close; true when the server said the session was closed.</summary>
    public async Task<bool> CloseAsync(string sessionId)
    {
        var result = await client.CallToolAsync("ssh_close", new Dictionary<string, object?> { ["sessionId"] = sessionId }).AsTask().WaitAsync(Bound);
        return result.IsError != true
            && result.StructuredContent is { ValueKind: JsonValueKind.Object } content
            && content.TryGetProperty("closed", out var closed) && closed.ValueKind == JsonValueKind.True;
    }

    private static string? Text(JsonElement content, string name) =>
        content.ValueKind == JsonValueKind.Object && content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An MCP ping round trip; true when answered.</summary>
    public async Task<bool> PingAsync()
    {
        var result = await client.PingAsync(cancellationToken: CancellationToken.None).AsTask().WaitAsync(Bound);
        return result is not null;
    }
}
