using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Http;

/// <summary>
/// Two real MCP clients over HTTP with the same token: an SSH session belongs to the client that opened it, another
/// client cannot use, close or see it, and it ends with its client's MCP session.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class HttpSessionOwnershipTests(SshdFixture sshd) : IAsyncLifetime
{
    private const string UnknownId = "s0123456789abcdef";
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(20);
    private HttpServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await HttpServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Exec_OnAnotherClientsSession_FailsExactlyLikeAnUnknownIdAndRunsNothing()
    {
        var a = await _server.ConnectAsync();
        var b = await _server.ConnectAsync();
        var session = (await a.OpenAsync(sshd)).SessionId;
        var marker = $"/tmp/sshmcp-foreign-{Guid.NewGuid():N}";

        var foreign = await b.CallErrorAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = $"touch {marker}" });
        var unknown = await b.CallErrorAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = UnknownId, ["command"] = $"touch {marker}" });

        Assert.Contains($"No open session '{session}'", foreign, StringComparison.Ordinal);
        Assert.Equal(unknown.Replace(UnknownId, "<id>", StringComparison.Ordinal), foreign.Replace(session, "<id>", StringComparison.Ordinal));
        Assert.False(File.Exists(marker), "the foreign client's command must not have run");
        Assert.Equal("still mine\n", (await a.ExecAsync(session, "echo still mine")).Stdout);
    }

    [Fact]
    public async Task Close_OnAnotherClientsSession_AnswersLikeAnUnknownIdAndClosesNothing()
    {
        var a = await _server.ConnectAsync();
        var b = await _server.ConnectAsync();
        var session = (await a.OpenAsync(sshd)).SessionId;

        var foreign = await b.CloseAsync(session);
        var unknown = await b.CloseAsync(UnknownId);

        Assert.False(foreign.Closed);
        Assert.Equal(unknown.Closed, foreign.Closed);
        Assert.Equal(0, (await a.ExecAsync(session, "true")).ExitCode);
    }

    [Fact]
    public async Task List_TwoClients_EachSeesOnlyItsOwnSessions()
    {
        var a = await _server.ConnectAsync();
        var b = await _server.ConnectAsync();
        var a1 = (await a.OpenAsync(sshd)).SessionId;
        var a2 = (await a.OpenAsync(sshd)).SessionId;
        var b1 = (await b.OpenAsync(sshd)).SessionId;

        var listA = await a.ListAsync();
        var listB = await b.ListAsync();

        Assert.Equal([a1, a2], listA.Sessions.Select(s => s.SessionId));
        Assert.Equal([b1], listB.Sessions.Select(s => s.SessionId));
    }

    [Fact]
    public async Task Delete_ByOneClient_ClosesItsSshSessionsOnTheHostAndSparesOthers()
    {
        var a = await _server.ConnectAsync();
        var b = await _server.ConnectAsync();
        var sessionA = (await a.OpenAsync(sshd)).SessionId;
        var sessionB = (await b.OpenAsync(sshd)).SessionId;
        await a.ExecAsync(sessionA, "sleep 401 >/dev/null 2>&1 &");
        await b.ExecAsync(sessionB, "sleep 404 >/dev/null 2>&1 &");
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 401", ProcessDeadline, default));

        // Disposing the client sends DELETE with its Mcp-Session-Id.
        await a.DisposeAsync().AsTask().WaitAsync(HttpServerHarness.Bound);

        Assert.True(await sshd.WaitForNoProcessAsync(p => p.Args == "sleep 401", ProcessDeadline, default), "client A's SSH session outlived its MCP session");
        Assert.Contains(_server.Logs.Lines, l => l.Contains("[1120]", StringComparison.Ordinal) && l.Contains("closed its 1 SSH sessions", StringComparison.Ordinal));
        Assert.Contains(await sshd.ListUserProcessesAsync(default), p => p.Args == "sleep 404");
        Assert.Equal([sessionB], (await b.ListAsync()).Sessions.Select(s => s.SessionId));
        await b.CloseAsync(sessionB);
    }

    [Fact]
    public async Task Open_OverThePerClientLimit_FailsClearlyWhileOtherClientsCanOpen()
    {
        await using var server = await HttpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:MaxSessionsPerClient"] = "1" });
        var a = await server.ConnectAsync();
        var b = await server.ConnectAsync();
        var first = (await a.OpenAsync(sshd)).SessionId;

        var refused = await a.CallErrorAsync(ToolNames.Open, TestMcpClient.OpenArguments(sshd));
        var other = await b.OpenAsync(sshd);
        await a.CloseAsync(first);
        var again = await a.OpenAsync(sshd);

        Assert.Contains("SshMcp:MaxSessionsPerClient", refused, StringComparison.Ordinal);
        Assert.Contains("ssh_close", refused, StringComparison.Ordinal);
        Assert.NotEqual(first, again.SessionId);
        await b.CloseAsync(other.SessionId);
        await a.CloseAsync(again.SessionId);
    }

    [Fact]
    public async Task Open_OverTheServerLimit_FailsClearly()
    {
        await using var server = await HttpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:MaxSessions"] = "1" });
        var a = await server.ConnectAsync();
        var b = await server.ConnectAsync();
        var session = (await a.OpenAsync(sshd)).SessionId;

        var refused = await b.CallErrorAsync(ToolNames.Open, TestMcpClient.OpenArguments(sshd));

        Assert.Contains("SshMcp:MaxSessions", refused, StringComparison.Ordinal);
        await a.CloseAsync(session);
    }
}
