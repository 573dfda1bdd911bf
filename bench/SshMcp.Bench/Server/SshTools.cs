using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Bench.Server;

/// <summary>The server's three tools as the benchmark calls them, every call bounded.</summary>
/// <param name="transport">ssh_open's transport: <c>sshnet</c> unless a measurement names the other.</param>
internal sealed class SshTools(McpClient client, string transport = SshTools.SshNet)
{
    public const string SshNet = "sshnet";
    public const string OpenSsh = "openssh";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>ssh_open with the password (or <paramref name="keyPath"/>), the host key pinned; null when the answer was not a session.</summary>
    public async Task<string?> OpenAsync(SshdFixture sshd, string? keyPath = null)
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
    public async Task<string> OpenOrThrowAsync(SshdFixture sshd) =>
        await OpenAsync(sshd) ?? throw new InvalidOperationException("ssh_open failed; see the server's log above.");

    public async Task<ExecAnswer> ExecAsync(string sessionId, string command) =>
        ExecAnswer.From(await client.CallToolAsync(
            "ssh_exec",
            new Dictionary<string, object?> { ["sessionId"] = sessionId, ["command"] = command }).AsTask().WaitAsync(Bound));

    /// <summary>ssh_close; true when the server said the session was closed.</summary>
    public async Task<bool> CloseAsync(string sessionId)
    {
        var result = await client.CallToolAsync("ssh_close", new Dictionary<string, object?> { ["sessionId"] = sessionId }).AsTask().WaitAsync(Bound);
        return result.IsError != true
            && result.StructuredContent is { ValueKind: JsonValueKind.Object } content
            && content.TryGetProperty("closed", out var closed) && closed.ValueKind == JsonValueKind.True;
    }

    /// <summary>An MCP ping round trip; true when answered.</summary>
    public async Task<bool> PingAsync()
    {
        var result = await client.PingAsync(cancellationToken: CancellationToken.None).AsTask().WaitAsync(Bound);
        return result is not null;
    }
}
