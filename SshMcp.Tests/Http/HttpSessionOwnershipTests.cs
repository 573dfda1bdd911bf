using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Http;

/// <summary>
/// Real MCP clients over HTTP with named tokens: an SSH session belongs to the principal (the token's name) that
/// opened it, whatever connection, MCP session or protocol revision it came from. Another principal can neither see,
/// use nor close it, and is answered as for an unknown id.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class HttpSessionOwnershipTests(SshdFixture sshd) : IAsyncLifetime
{
    public const string AliceToken = "alice-token-0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    public const string BobToken = "bob-token-f9e8d7c6b5a49382716f5e4d3c2b1a09";
    private const string UnknownId = "s0123456789abcdef0123456789abcdef01234567";
    private const string Legacy = "2025-11-25";
    private HttpServerHarness _server = null!;

    public static Dictionary<string, string?> NamedTokens() => new()
    {
        ["SshMcp:Http:Tokens:alice"] = AliceToken,
        ["SshMcp:Http:Tokens:bob"] = BobToken,
    };

    public async Task InitializeAsync() => _server = await HttpServerHarness.StartAsync(NamedTokens());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Exec_OnAnotherPrincipalsSession_FailsExactlyLikeAnUnknownIdAndRunsNothing()
    {
        var alice = await _server.ConnectAsync(AliceToken);
        var bob = await _server.ConnectAsync(BobToken);
        var session = (await alice.OpenAsync(sshd)).SessionId;
        var marker = $"/tmp/sshmcp-foreign-{Guid.NewGuid():N}";

        var foreign = await bob.CallErrorAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = $"touch {marker}" });
        var unknown = await bob.CallErrorAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = UnknownId, ["command"] = $"touch {marker}" });

        Assert.Contains($"No open session '{session}'", foreign, StringComparison.Ordinal);
        Assert.Equal(unknown.Replace(UnknownId, "<id>", StringComparison.Ordinal), foreign.Replace(session, "<id>", StringComparison.Ordinal));
        Assert.False(File.Exists(marker), "the foreign principal's command must not have run");
        Assert.Equal("still mine\n", (await alice.ExecAsync(session, "echo still mine")).Stdout);
    }

    [Fact]
    public async Task Close_OnAnotherPrincipalsSession_AnswersLikeAnUnknownIdAndClosesNothing()
    {
        var alice = await _server.ConnectAsync(AliceToken);
        var bob = await _server.ConnectAsync(BobToken);
        var session = (await alice.OpenAsync(sshd)).SessionId;

        var foreign = await bob.CloseAsync(session);
        var unknown = await bob.CloseAsync(UnknownId);

        Assert.False(foreign.Closed);
        Assert.Equal(unknown.Closed, foreign.Closed);
        Assert.Equal(0, (await alice.ExecAsync(session, "true")).ExitCode);
    }

    [Fact]
    public async Task List_TwoPrincipals_EachSeesOnlyItsOwnSessions()
    {
        var alice = await _server.ConnectAsync(AliceToken);
        var bob = await _server.ConnectAsync(BobToken);
        var a1 = (await alice.OpenAsync(sshd)).SessionId;
        var a2 = (await alice.OpenAsync(sshd)).SessionId;
        var b1 = (await bob.OpenAsync(sshd)).SessionId;

        var listA = await alice.ListAsync();
        var listB = await bob.ListAsync();

        Assert.Equal([a1, a2], listA.Sessions.Select(s => s.SessionId));
        Assert.Equal([b1], listB.Sessions.Select(s => s.SessionId));
    }

    [Fact]
    public async Task Exec_FromAnotherConnectionAndRevisionOfTheSamePrincipal_ContinuesTheSession()
    {
        // Opened by a 2025-11-25 client with an MCP session, then used by a 2026-07-28 client that has none.
        var legacy = await _server.ConnectAsync(AliceToken, protocolVersion: Legacy);
        var session = (await legacy.OpenAsync(sshd)).SessionId;
        await legacy.ExecAsync(session, "cd /tmp && export SSHMCP_SHARED=yes");
        var current = await _server.ConnectAsync(AliceToken);

        var result = await current.ExecAsync(session, "echo \"$PWD $SSHMCP_SHARED\"");

        Assert.Equal("2026-07-28", current.Client.NegotiatedProtocolVersion);
        Assert.Equal(Legacy, legacy.Client.NegotiatedProtocolVersion);
        Assert.Equal("/tmp yes\n", result.Stdout);
        Assert.Contains(session, (await current.ListAsync()).Sessions.Select(s => s.SessionId));
        Assert.True((await current.CloseAsync(session)).Closed);
    }

    [Fact]
    public async Task Delete_OfTheMcpSessionThatOpenedIt_LeavesTheSshSessionUsable()
    {
        var opener = await _server.ConnectAsync(AliceToken, protocolVersion: Legacy);
        var session = (await opener.OpenAsync(sshd)).SessionId;
        await opener.ExecAsync(session, "cd /tmp");

        // Disposing the client sends DELETE with its Mcp-Session-Id: that MCP session ends, the SSH session does not.
        await opener.DisposeAsync().AsTask().WaitAsync(HttpServerHarness.Bound);
        var later = await _server.ConnectAsync(AliceToken);

        Assert.Equal("/tmp\n", (await later.ExecAsync(session, "pwd")).Stdout);
        Assert.True((await later.CloseAsync(session)).Closed);
    }

    [Fact]
    public async Task Open_OverThePerPrincipalLimit_FailsClearlyWhileOtherPrincipalsCanOpen()
    {
        var settings = NamedTokens();
        settings["SshMcp:MaxSessionsPerPrincipal"] = "1";
        await using var server = await HttpServerHarness.StartAsync(settings);
        var alice = await server.ConnectAsync(AliceToken);
        var aliceAgain = await server.ConnectAsync(AliceToken);
        var bob = await server.ConnectAsync(BobToken);
        var first = (await alice.OpenAsync(sshd)).SessionId;

        var refused = await aliceAgain.CallErrorAsync(ToolNames.Open, TestMcpClient.OpenArguments(sshd));
        var other = await bob.OpenAsync(sshd);
        await alice.CloseAsync(first);
        var again = await aliceAgain.OpenAsync(sshd);

        Assert.Contains("SshMcp:MaxSessionsPerPrincipal", refused, StringComparison.Ordinal);
        Assert.Contains("ssh_close", refused, StringComparison.Ordinal);
        Assert.NotEqual(first, again.SessionId);
        await bob.CloseAsync(other.SessionId);
        await alice.CloseAsync(again.SessionId);
    }

    [Fact]
    public async Task Open_OverTheServerLimit_FailsClearly()
    {
        var settings = NamedTokens();
        settings["SshMcp:MaxSessions"] = "1";
        await using var server = await HttpServerHarness.StartAsync(settings);
        var alice = await server.ConnectAsync(AliceToken);
        var bob = await server.ConnectAsync(BobToken);
        var session = (await alice.OpenAsync(sshd)).SessionId;

        var refused = await bob.CallErrorAsync(ToolNames.Open, TestMcpClient.OpenArguments(sshd));

        Assert.Contains("SshMcp:MaxSessions", refused, StringComparison.Ordinal);
        await alice.CloseAsync(session);
    }

    [Fact]
    public async Task Open_SessionId_CarriesAtLeast128RandomBitsAndNeverReachesTheLog()
    {
        var alice = await _server.ConnectAsync(AliceToken);
        var session = (await alice.OpenAsync(sshd)).SessionId;
        await alice.ExecAsync(session, "true");
        await alice.CloseAsync(session);

        Assert.Matches("^s[0-9a-f]{40}$", session);
        Assert.DoesNotContain(_server.Logs.Lines, l => l.Contains(session, StringComparison.Ordinal));
        Assert.Contains(_server.Logs.Lines, l => l.Contains(session[..9], StringComparison.Ordinal));
    }
}
