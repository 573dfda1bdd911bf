using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Http;

/// <summary>The core promise over the HTTP transport, through the real MCP client and the real sshd.</summary>
[Collection(SshdCollection.Name)]
public sealed class HttpEndToEndTests(SshdFixture sshd) : IAsyncLifetime
{
    private HttpServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await HttpServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Session_OverHttp_KeepsDirectoryAndVariablesThenCloses()
    {
        var client = await _server.ConnectAsync();

        var opened = await client.OpenAsync(sshd);
        var cd = await client.ExecAsync(opened.SessionId, "cd /tmp");
        var pwd = await client.ExecAsync(opened.SessionId, "pwd");
        await client.ExecAsync(opened.SessionId, "export SSHMCP_E2E='over http'");
        var variable = await client.ExecAsync(opened.SessionId, "echo \"$SSHMCP_E2E\"; echo to-stderr >&2; (exit 3)");
        var listed = Assert.Single((await client.ListAsync()).Sessions);
        var closed = await client.CloseAsync(opened.SessionId);
        var afterClose = await client.CallErrorAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = opened.SessionId, ["command"] = "pwd" });

        Assert.StartsWith("s", opened.SessionId, StringComparison.Ordinal);
        Assert.Equal((sshd.Host, sshd.Port, sshd.Username), (opened.Host, opened.Port, opened.Username));
        Assert.StartsWith("SHA256:", opened.HostKeyFingerprint, StringComparison.Ordinal);
        Assert.Equal((0, "/tmp", ""), (cd.ExitCode, cd.Cwd, cd.Stdout));
        Assert.Equal(("/tmp\n", "", 0, false), (pwd.Stdout, pwd.Stderr, pwd.ExitCode, pwd.TimedOut));
        Assert.Equal(("over http\n", "to-stderr\n", 3, "/tmp"), (variable.Stdout, variable.Stderr, variable.ExitCode, variable.Cwd));
        Assert.False(variable.ShellEnded);
        Assert.Equal((opened.SessionId, sshd.Host, sshd.Port, sshd.Username, "/tmp", false), (listed.SessionId, listed.Host, listed.Port, listed.Username, listed.Cwd, listed.Busy));
        Assert.InRange(listed.IdleSeconds, 0, 60);
        Assert.Equal(new CloseResult(opened.SessionId, true), closed);
        Assert.Contains($"No open session '{opened.SessionId}'", afterClose, StringComparison.Ordinal);
        Assert.Empty((await client.ListAsync()).Sessions);
        Assert.DoesNotContain(_server.Logs.Lines, l => l.Contains(sshd.Password, StringComparison.Ordinal) || l.Contains(HttpServerHarness.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListTools_OverHttp_OffersSshListAsReadOnly()
    {
        var client = await _server.ConnectAsync();

        var tools = await client.Client.ListToolsAsync().AsTask().WaitAsync(HttpServerHarness.Bound);

        Assert.Equal(ToolNames.All.Order(StringComparer.Ordinal), tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        var list = tools.Single(t => t.Name == ToolNames.List).ProtocolTool;
        Assert.True(list.Annotations?.ReadOnlyHint);
        Assert.NotNull(list.OutputSchema);
    }
}
