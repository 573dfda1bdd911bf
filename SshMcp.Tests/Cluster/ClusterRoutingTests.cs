using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SshMcp.Tests.Cluster;

/// <summary>
/// Three replicas behind no affinity at all: every call of a test goes to another replica than the one before, as a
/// load balancer may send them. Real processes, a real Redis, a real sshd.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class ClusterRoutingTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(20);
    private const string Lost = "was lost with the server replica that held it";

    [Fact]
    public async Task Exec_EachCallOnAnotherReplica_RunsInTheOneShellOfTheSession()
    {
        var (a, b, c) = await ConnectAllAsync(ClusterFixture.AliceToken);
        var session = (await a.OpenAsync(cluster.Sshd)).SessionId;

        Assert.Equal(0, (await b.ExecAsync(session, "cd /tmp")).ExitCode);
        var pwd = await c.ExecAsync(session, "pwd");
        Assert.Equal("/tmp\n", pwd.Stdout);
        Assert.Equal("/tmp", pwd.Cwd);
        Assert.Contains((await c.ListAsync()).Sessions, s => s.SessionId == session && s.Cwd == "/tmp");

        Assert.True((await b.CloseAsync(session)).Closed);
        Assert.False((await c.CloseAsync(session)).Closed);
        Assert.Contains("No open session", await a.CallErrorAsync(ToolNames.Exec, Exec(session, "pwd")));
        Assert.DoesNotContain((await a.ListAsync()).Sessions, s => s.SessionId == session);
    }

    [Fact]
    public async Task Exec_TimeoutOnAnotherReplica_StopsTheCommandOnTheOwner()
    {
        var (a, b, c) = await ConnectAllAsync(ClusterFixture.AliceToken);
        var session = (await a.OpenAsync(cluster.Sshd)).SessionId;

        var result = await c.CallAsync<ExecResult>(ToolNames.Exec, Exec(session, "sleep 611", timeoutMs: 1500));

        Assert.True(result.TimedOut);
        Assert.Equal("stopped", result.Stop);
        Assert.True(await cluster.Sshd.WaitForNoProcessAsync(p => p.Args == "sleep 611", ProcessDeadline, default), "the command outlived its timeout");
        Assert.Equal("after\n", (await b.ExecAsync(session, "echo after")).Stdout);
        await a.CloseAsync(session);
    }

    [Fact]
    public async Task Exec_LongerThanOrleansDefaultResponseTimeout_CompletesThroughAnotherReplica()
    {
        // Orleans gives up on a call after 30 s unless told otherwise; a command may run up to SshMcp:MaxTimeoutMs.
        var (a, _, c) = await ConnectAllAsync(ClusterFixture.AliceToken);
        var session = (await a.OpenAsync(cluster.Sshd)).SessionId;

        // Not "sleep 31": the same test user runs that in TimeoutAndStopTests at the same time, which waits for none left.
        var result = await c.CallAsync<ExecResult>(ToolNames.Exec, Exec(session, "sleep 31.1 && echo done", timeoutMs: 60_000));

        Assert.Equal("done\n", result.Stdout);
        Assert.False(result.TimedOut);
        Assert.True(result.DurationMs >= 31_100, $"took {result.DurationMs} ms");
        await a.CloseAsync(session);
    }

    [Fact]
    public async Task Exec_CallCancelledOnAnotherReplica_StopsTheCommandOnTheOwner()
    {
        var (a, b, c) = await ConnectAllAsync(ClusterFixture.AliceToken);
        var session = (await a.OpenAsync(cluster.Sshd)).SessionId;
        using var cancel = new CancellationTokenSource();

        // A 2026-07-28 client cancels by closing its request: replica B sees it aborted and cancels the grain call on A.
        var call = b.Client.CallToolAsync(ToolNames.Exec, Exec(session, "sleep 612"), cancellationToken: cancel.Token).AsTask();
        Assert.NotNull(await cluster.Sshd.WaitForProcessAsync(p => p.Args == "sleep 612", ProcessDeadline, default));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestMcpClient.CallBound));

        Assert.True(await cluster.Sshd.WaitForNoProcessAsync(p => p.Args == "sleep 612", ProcessDeadline, default), "the command outlived its cancelled request");
        Assert.Equal("after\n", (await c.ExecAsync(session, "echo after")).Stdout);
        await a.CloseAsync(session);
    }

    [Fact]
    public async Task Sessions_OfTwoPrincipals_StayApartOnEveryReplica()
    {
        var alice = await ConnectAllAsync(ClusterFixture.AliceToken);
        var bob = await ConnectAllAsync(ClusterFixture.BobToken);
        var hers = (await alice.A.OpenAsync(cluster.Sshd)).SessionId;
        var his = (await bob.B.OpenAsync(cluster.Sshd)).SessionId;

        foreach (var (aliceClient, bobClient) in new[] { (alice.A, bob.A), (alice.B, bob.B), (alice.C, bob.C) })
        {
            var aliceSees = (await aliceClient.ListAsync()).Sessions.Select(s => s.SessionId).ToList();
            var bobSees = (await bobClient.ListAsync()).Sessions.Select(s => s.SessionId).ToList();
            Assert.Contains(hers, aliceSees);
            Assert.DoesNotContain(his, aliceSees);
            Assert.Contains(his, bobSees);
            Assert.DoesNotContain(hers, bobSees);
            Assert.Contains("No open session", await bobClient.CallErrorAsync(ToolNames.Exec, Exec(hers, "id")));
            Assert.False((await bobClient.CloseAsync(hers)).Closed);
        }

        Assert.Equal("still\n", (await alice.C.ExecAsync(hers, "echo still")).Stdout);
        await alice.B.CloseAsync(hers);
        await bob.C.CloseAsync(his);
    }

    [Fact]
    public async Task Replica_Killed_ItsSessionsAreLostWithinTenSecondsAndTheOthersKeepWorking()
    {
        var alice = await ConnectAllAsync(ClusterFixture.AliceToken);
        var bob = await ConnectAllAsync(ClusterFixture.BobToken);
        var onA = (await alice.A.OpenAsync(cluster.Sshd)).SessionId;
        var onB = (await alice.B.OpenAsync(cluster.Sshd)).SessionId;
        var onC = (await alice.C.OpenAsync(cluster.Sshd)).SessionId;
        await alice.C.ExecAsync(onA, "cd /tmp");

        await cluster.Replicas[0].KillAsync();
        var killed = TimeProvider.System.GetTimestamp();
        var error = await alice.B.CallErrorAsync(ToolNames.Exec, Exec(onA, "pwd"));
        var answeredIn = TimeProvider.System.GetElapsedTime(killed);

        output.WriteLine($"the lost session answered {answeredIn.TotalMilliseconds:0} ms after the kill: {error}");
        Assert.Contains(Lost, error, StringComparison.Ordinal);
        Assert.True(answeredIn < TimeSpan.FromSeconds(10), $"the lost session answered after {answeredIn.TotalSeconds:0.0} s\n{cluster.Logs()}");
        Assert.Equal("b\n", (await alice.C.ExecAsync(onB, "echo b")).Stdout);
        Assert.Equal("c\n", (await alice.B.ExecAsync(onC, "echo c")).Stdout);
        Assert.Contains(Lost, await alice.C.CallErrorAsync(ToolNames.Exec, Exec(onA, "pwd")), StringComparison.Ordinal);
        Assert.Contains("No open session", await bob.B.CallErrorAsync(ToolNames.Exec, Exec(onA, "pwd")));
        Assert.True(
            await Poll.UntilAsync(async _ => (await alice.B.ListAsync()).Sessions.Select(s => s.SessionId).Order().SequenceEqual(new[] { onB, onC }.Order()), ProcessDeadline, default),
            "ssh_list still shows the lost session, or lost another");

        // The replica comes back as a new member: it holds nothing, and does not pretend to.
        await cluster.RestartAsync(0);
        var restarted = await cluster.Replicas[0].ConnectAsync(ClusterFixture.AliceToken);
        Assert.Contains(Lost, await restarted.CallErrorAsync(ToolNames.Exec, Exec(onA, "pwd")), StringComparison.Ordinal);
        Assert.DoesNotContain((await restarted.ListAsync()).Sessions, s => s.SessionId == onA);
        Assert.Equal("b\n", (await restarted.ExecAsync(onB, "echo b")).Stdout);
        Assert.False((await restarted.CloseAsync(onA)).Closed);
        await restarted.CloseAsync(onB);
        await restarted.CloseAsync(onC);
    }

    private async Task<(TestMcpClient A, TestMcpClient B, TestMcpClient C)> ConnectAllAsync(string token) =>
        (await cluster.Replicas[0].ConnectAsync(token), await cluster.Replicas[1].ConnectAsync(token), await cluster.Replicas[2].ConnectAsync(token));

    private static Dictionary<string, object?> Exec(string session, string command, int? timeoutMs = null) =>
        new() { ["sessionId"] = session, ["command"] = command, ["timeoutMs"] = timeoutMs };
}
