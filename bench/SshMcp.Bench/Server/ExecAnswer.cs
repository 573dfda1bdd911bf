using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace SshMcp.Bench.Server;

/// <summary>The fields of an <c>ssh_exec</c> result the benchmark checks, read from its structured content.</summary>
internal sealed record ExecAnswer(bool IsError, int? ExitCode, string Stdout, string Stderr, bool TimedOut, long StdoutBytes, bool Truncated, string Cwd, string? ErrorText)
{
    public static ExecAnswer From(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsError == true || result.StructuredContent is not { ValueKind: JsonValueKind.Object } content)
        {
            var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
            return new ExecAnswer(true, null, "", "", false, 0, false, "", text);
        }

        return new ExecAnswer(
            false,
            content.TryGetProperty("exitCode", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null,
            String(content, "stdout"),
            String(content, "stderr"),
            content.TryGetProperty("timedOut", out var timedOut) && timedOut.ValueKind == JsonValueKind.True,
            content.TryGetProperty("stdoutBytes", out var bytes) && bytes.ValueKind == JsonValueKind.Number ? bytes.GetInt64() : -1,
            content.TryGetProperty("truncated", out var truncated) && truncated.ValueKind == JsonValueKind.True,
            String(content, "cwd"),
            null);
    }

    /// <summary>Succeeded with exit code 0, printed exactly <paramref name="stdout"/> and nothing on stderr, in a known directory.</summary>
    public bool Is(string stdout) =>
        !IsError && ExitCode == 0 && !TimedOut && Stdout == stdout && Stderr.Length == 0 && Cwd.StartsWith('/');

    private static string String(JsonElement content, string name) =>
        content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
