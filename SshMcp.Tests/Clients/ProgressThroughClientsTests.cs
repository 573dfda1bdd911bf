using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Clients;

/// <summary>
/// Calls that outlast the client's request timeout come back, because the server sends progress and the official
/// TypeScript client (SDK 1.x, on which Claude Code, the Inspector and VS Code build) restarts its timeout at each
/// notification: a 12 s command through a client whose request timeout is 4 s, and a long-poll on a background run.
/// </summary>
[Collection(ClientsCollection.Name)]
public sealed class ProgressThroughClientsTests(SshdFixture sshd) : IClassFixture<NodeClientsFixture>
{
    private const int RequestTimeoutMs = 4_000;

    [Fact]
    public async Task Exec_12SecondCommand_ReturnsThroughAClientWhoseRequestTimeoutIs4Seconds()
    {
        await using var server = await ServerUnderTest.StartAsync(ServerUnderTest.Stdio);
        await using var client = await server.StartClientAsync(TypeScriptClient.Sdk1);
        var session = (await client.CallAsync(ToolNames.Open, ClientRun.OpenArguments(sshd))).Field("sessionId");

        var reply = await client.CallWithProgressAsync(
            ToolNames.Exec,
            new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "sleep 12; echo done", ["timeoutMs"] = 60_000 },
            RequestTimeoutMs,
            TimeSpan.FromSeconds(60));

        Assert.True(reply.Ok, $"the client gave up: {reply.ErrorMessage}");
        Assert.True(reply.Valid, string.Join("; ", reply.ValidationErrors));
        Assert.Equal(("done\n", "0"), (reply.Field("stdout"), reply.Field("exitCode")));
        Assert.True(reply.Progress >= 3, $"{reply.Progress} progress notifications in 12 s");
    }

    [Theory]
    [InlineData(TypeScriptClient.Sdk1)]
    [InlineData(TypeScriptClient.Sdk2Pinned)]
    public async Task Output_LongPollOnABackgroundRun_OutlastsTheRequestTimeoutWithProgressOnly(string kind)
    {
        await using var server = await ServerUnderTest.StartAsync(ServerUnderTest.Stdio);
        await using var client = await server.StartClientAsync(kind);
        var session = (await client.CallAsync(ToolNames.Open, ClientRun.OpenArguments(sshd))).Field("sessionId");
        var start = await client.CallAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "sleep 8; echo late", ["background"] = true });
        var wait = new Dictionary<string, object?> { ["sessionId"] = session, ["runId"] = start.Field("runId"), ["waitMs"] = 30_000 };

        var withProgress = await client.CallWithProgressAsync(ToolNames.Output, wait, 4_000, TimeSpan.FromSeconds(40));
        var other = await client.CallAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "sleep 8", ["background"] = true });
        var without = await client.CallAsync(ToolNames.Output, new Dictionary<string, object?>(wait) { ["runId"] = other.Field("runId") }, 2_000);

        Assert.True(withProgress.Ok, $"{kind} gave up: {withProgress.ErrorMessage}");
        Assert.True(withProgress.Valid, string.Join("; ", withProgress.ValidationErrors));
        Assert.Equal("late\n", withProgress.Field("text"));
        Assert.True(withProgress.Progress >= 2, $"{withProgress.Progress} progress notifications");
        Assert.False(without.Ok, $"a wait without progress outlasted its 2 s request timeout: {without}");
    }
}
