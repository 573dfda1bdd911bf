using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SshMcp.Server.Tools;

namespace SshMcp.Tests.Infrastructure;

/// <summary>Typed tool calls over any real <see cref="McpClient"/>, every call bounded; results read from structuredContent.</summary>
public sealed class TestMcpClient(McpClient client) : IAsyncDisposable
{
    public static readonly TimeSpan CallBound = McpClientCalls.CallBound;

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

    public Task<T> CallAsync<T>(string tool, IReadOnlyDictionary<string, object?> arguments) => Client.CallAsync<T>(tool, arguments);

    /// <summary>Calls a tool that must fail with a tool error, and returns the error text.</summary>
    public Task<string> CallErrorAsync(string tool, IReadOnlyDictionary<string, object?> arguments) => Client.CallErrorAsync(tool, arguments);

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
