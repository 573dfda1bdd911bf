using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SshMcp.Server.Tools;

namespace SshMcp.Tests.Infrastructure;

/// <summary>Typed tool calls over any real <see cref="McpClient"/>, every call bounded; results read from structuredContent.</summary>
public sealed class TestMcpClient(McpClient client) : IAsyncDisposable
{
    public static readonly TimeSpan CallBound = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public McpClient Client { get; } = client;

    public Task<OpenResult> OpenAsync(SshdFixture sshd)
    {
        ArgumentNullException.ThrowIfNull(sshd);
        return CallAsync<OpenResult>(ToolNames.Open, OpenArguments(sshd));
    }

    public static Dictionary<string, object?> OpenArguments(SshdFixture sshd)
    {
        ArgumentNullException.ThrowIfNull(sshd);
        return new()
        {
            ["host"] = sshd.Host,
            ["port"] = sshd.Port,
            ["username"] = sshd.Username,
            ["password"] = sshd.Password,
        };
    }

    public Task<ExecResult> ExecAsync(string sessionId, string command) =>
        CallAsync<ExecResult>(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = sessionId, ["command"] = command });

    public Task<CloseResult> CloseAsync(string sessionId) =>
        CallAsync<CloseResult>(ToolNames.Close, new Dictionary<string, object?> { ["sessionId"] = sessionId });

    public Task<ListResult> ListAsync() => CallAsync<ListResult>(ToolNames.List, new Dictionary<string, object?>());

    public async Task<T> CallAsync<T>(string tool, IReadOnlyDictionary<string, object?> arguments)
    {
        var result = await Client.CallToolAsync(tool, arguments).AsTask().WaitAsync(CallBound);
        Assert.False(result.IsError == true, $"{tool} failed: {result.Text()}");
        Assert.NotNull(result.StructuredContent);
        return result.StructuredContent.Value.Deserialize<T>(Json)!;
    }

    /// <summary>Calls a tool that must fail with a tool error, and returns the error text.</summary>
    public async Task<string> CallErrorAsync(string tool, IReadOnlyDictionary<string, object?> arguments)
    {
        var result = await Client.CallToolAsync(tool, arguments).AsTask().WaitAsync(CallBound);
        Assert.True(result.IsError == true, $"{tool} was expected to fail but returned {result.StructuredContent}");
        return result.Text();
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
