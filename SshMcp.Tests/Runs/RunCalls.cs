using System.Text;
using ModelContextProtocol.Client;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Runs;

/// <summary>The run tools called through any real MCP client (in-process harness or a server process), every call bounded.</summary>
internal static class RunCalls
{
    public static readonly TimeSpan EndDeadline = TimeSpan.FromSeconds(60);

    public static Task<OpenResult> OpenAsync(this McpClient client, SshdFixture sshd, string transport) =>
        client.CallAsync<OpenResult>(ToolNames.Open, new Dictionary<string, object?>(TestMcpClient.OpenArguments(sshd)) { ["transport"] = transport });

    public static Task<ExecResult> ExecAsync(this McpClient client, string sessionId, string command, bool background = false, int? maxOutputBytes = null)
    {
        var arguments = new Dictionary<string, object?> { ["sessionId"] = sessionId, ["command"] = command };
        if (background)
        {
            arguments["background"] = true;
        }

        if (maxOutputBytes is not null)
        {
            arguments["maxOutputBytes"] = maxOutputBytes;
        }

        return client.CallAsync<ExecResult>(ToolNames.Exec, arguments);
    }

    public static Task<OutputResult> OutputAsync(this McpClient client, string sessionId, string runId, long offset = 0, int? maxBytes = null, int waitMs = 0, string stream = "stdout", bool base64 = false) =>
        client.CallAsync<OutputResult>(ToolNames.Output, OutputArguments(sessionId, runId, offset, maxBytes, waitMs, stream, base64));

    public static Dictionary<string, object?> OutputArguments(string sessionId, string runId, long offset = 0, int? maxBytes = null, int waitMs = 0, string stream = "stdout", bool base64 = false)
    {
        var arguments = new Dictionary<string, object?> { ["sessionId"] = sessionId, ["runId"] = runId, ["offset"] = offset, ["stream"] = stream, ["waitMs"] = waitMs };
        if (maxBytes is not null)
        {
            arguments["maxBytes"] = maxBytes;
        }

        if (base64)
        {
            arguments["base64"] = true;
        }

        return arguments;
    }

    public static Task<StopResult> StopAsync(this McpClient client, string sessionId, string runId) =>
        client.CallAsync<StopResult>(ToolNames.Stop, new Dictionary<string, object?> { ["sessionId"] = sessionId, ["runId"] = runId });

    /// <summary>Waits (with waitMs, bounded) for a run to end; returns the last answer, read from the stream's end.</summary>
    public static async Task<OutputResult> WaitForEndAsync(this McpClient client, string sessionId, string runId)
    {
        var deadline = DateTime.UtcNow + EndDeadline;
        var answer = await client.OutputAsync(sessionId, runId);
        while (answer.Running && DateTime.UtcNow < deadline)
        {
            answer = await client.OutputAsync(sessionId, runId, offset: answer.TotalBytes, waitMs: 2_000);
        }

        Assert.False(answer.Running, $"run {runId} did not end within {EndDeadline.TotalSeconds} s");
        return answer;
    }

    /// <summary>Reads a stream from 0, piece after piece from each nextOffset, and returns the pieces' bytes.</summary>
    public static async Task<byte[]> ReadAllAsync(this McpClient client, string sessionId, string runId, int maxBytes, string stream = "stdout")
    {
        using var all = new MemoryStream();
        long offset = 0;
        while (true)
        {
            var piece = await client.OutputAsync(sessionId, runId, offset, maxBytes, stream: stream);
            Assert.Equal(offset, piece.Offset);
            all.Write(Encoding.UTF8.GetBytes(piece.Text));
            if (piece.NextOffset == piece.TotalBytes && !piece.Running)
            {
                return all.ToArray();
            }

            Assert.True(piece.NextOffset > offset, $"no progress at offset {offset}: {piece}");
            offset = piece.NextOffset;
        }
    }
}
