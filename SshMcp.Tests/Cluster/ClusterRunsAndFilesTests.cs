using ModelContextProtocol;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Cluster;

/// <summary>
/// Runs, files and progress across replicas: the session lives on A, every other call reaches B or C, which do not
/// hold it. Real processes, a real Redis, a real sshd.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class ClusterRunsAndFilesTests(ClusterFixture cluster)
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task BackgroundRun_StartedReadListedAndStoppedThroughOtherReplicas_BehavesAsInOneProcess()
    {
        var (a, b, c) = await ConnectAllAsync();
        var session = (await a.OpenAsync(cluster.Sshd)).SessionId;
        var second = (await b.OpenAsync(cluster.Sshd)).SessionId;

        var started = await b.CallAsync<ExecResult>(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "echo started; sleep 613", ["background"] = true });
        Assert.True(started.Running);

        OutputResult? output = null;
        Assert.True(
            await Poll.UntilAsync(async _ => (output = await c.CallAsync<OutputResult>(ToolNames.Output, Output(session, started.RunId, waitMs: 2_000))).Text == "started\n", ProcessDeadline, default),
            $"ssh_output through C said {output}");
        Assert.True(output!.Running);

        var listed = await c.ListAsync();
        Assert.Contains(listed.Sessions, s => s.SessionId == session);
        Assert.Contains(listed.Sessions, s => s.SessionId == second);
        var run = Assert.Single(listed.Runs ?? [], r => r.RunId == started.RunId);
        Assert.Equal("running", run.State);
        Assert.Null(listed.Notice);

        var stop = await c.CallAsync<StopResult>(ToolNames.Stop, new Dictionary<string, object?> { ["sessionId"] = session, ["runId"] = started.RunId });
        Assert.Equal("stopped", stop.Outcome);
        Assert.True(await cluster.Sshd.WaitForNoProcessAsync(p => p.Args == "sleep 613", ProcessDeadline, default), "the run outlived ssh_stop");
        Assert.False((await a.CallAsync<OutputResult>(ToolNames.Output, Output(session, started.RunId))).Running);
        Assert.False((await b.CallAsync<OutputResult>(ToolNames.Output, Output(second, started.RunId))).Running);

        await a.CloseAsync(session);
        await b.CloseAsync(second);
    }

    [Fact]
    public async Task Files_WrittenThroughOneReplica_ReadThroughAnother()
    {
        var (a, b, c) = await ConnectAllAsync();
        var session = (await a.OpenAsync(cluster.Sshd)).SessionId;
        var path = $"/tmp/sshmcp-cluster-{Guid.NewGuid():N}.txt";

        var written = await b.CallAsync<WriteFileResult>(ToolNames.WriteFile, new Dictionary<string, object?> { ["sessionId"] = session, ["path"] = path, ["content"] = "through B\n" });
        var read = await c.CallAsync<ReadFileResult>(ToolNames.ReadFile, new Dictionary<string, object?> { ["sessionId"] = session, ["path"] = path });

        Assert.Equal(10, written.BytesWritten);
        Assert.Equal("through B\n", read.Content);
        Assert.Equal(written.Sha256, read.Sha256);
        await a.ExecAsync(session, $"rm -f {path}");
        await a.CloseAsync(session);
    }

    [Fact]
    public async Task LocalPath_OfFilesAndOutput_WorksThroughTheOwnerAndIsRefusedThroughAnotherReplica()
    {
        var (a, b, c) = await ConnectAllAsync();
        var session = (await a.OpenAsync(cluster.Sshd)).SessionId;
        var path = $"/tmp/sshmcp-cluster-{Guid.NewGuid():N}.bin";
        var local = Path.Combine(cluster.LocalRoot, Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(local, "from the server's disk\n");

        var refusedWrite = await b.CallErrorAsync(ToolNames.WriteFile, new Dictionary<string, object?> { ["sessionId"] = session, ["path"] = path, ["localPath"] = local });
        var refusedRead = await c.CallErrorAsync(ToolNames.ReadFile, new Dictionary<string, object?> { ["sessionId"] = session, ["path"] = "/etc/hostname", ["localPath"] = local + ".copy" });
        Assert.Contains("reached another replica", refusedWrite, StringComparison.Ordinal);
        Assert.Contains("reached another replica", refusedRead, StringComparison.Ordinal);
        Assert.Equal(1, (await a.ExecAsync(session, $"test -e {path}")).ExitCode);
        Assert.False(File.Exists(local + ".copy"));

        var written = await a.CallAsync<WriteFileResult>(ToolNames.WriteFile, new Dictionary<string, object?> { ["sessionId"] = session, ["path"] = path, ["localPath"] = local });
        await a.CallAsync<ReadFileResult>(ToolNames.ReadFile, new Dictionary<string, object?> { ["sessionId"] = session, ["path"] = path, ["localPath"] = local + ".copy" });
        Assert.Equal(23, written.Size);
        Assert.Equal("from the server's disk\n", await File.ReadAllTextAsync(local + ".copy"));
        Assert.Contains("No open session", await c.CallErrorAsync(ToolNames.WriteFile, new Dictionary<string, object?> { ["sessionId"] = "s-none", ["path"] = path, ["localPath"] = local }));

        var run = await a.ExecAsync(session, "seq 1 3");
        var output = new Dictionary<string, object?> { ["sessionId"] = session, ["runId"] = run.RunId, ["localPath"] = local + ".out" };
        Assert.Contains("reached another replica", await b.CallErrorAsync(ToolNames.Output, output), StringComparison.Ordinal);
        Assert.False(File.Exists(local + ".out"));
        Assert.Equal(6, (await a.CallAsync<OutputResult>(ToolNames.Output, output)).NextOffset);
        Assert.Equal("1\n2\n3\n", await File.ReadAllTextAsync(local + ".out"));
        await a.ExecAsync(session, $"rm -f {path}");
        await a.CloseAsync(session);
    }

    [Fact]
    public async Task Exec_WithAProgressTokenThroughAnotherReplica_ReportsReachTheClient()
    {
        var (a, _, c) = await ConnectAllAsync();
        var session = (await a.OpenAsync(cluster.Sshd)).SessionId;
        var reports = new ProgressRecorder();

        var result = await c.Client.CallToolAsync(
            ToolNames.Exec,
            new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "for i in 1 2 3 4 5; do echo \"step $i\"; sleep 1; done" },
            progress: reports).AsTask().WaitAsync(TestMcpClient.CallBound);

        Assert.NotEqual(true, result.IsError);
        var seen = reports.Values;
        Assert.True(seen.Count >= 2, $"{seen.Count} progress notifications through C");
        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.True(pair.Second.Progress > pair.First.Progress));
        Assert.Contains(seen, p => p.Message is "step 2" or "step 3" or "step 4");
        await a.CloseAsync(session);
    }

    private async Task<(TestMcpClient A, TestMcpClient B, TestMcpClient C)> ConnectAllAsync() =>
        (await cluster.Replicas[0].ConnectAsync(ClusterFixture.AliceToken), await cluster.Replicas[1].ConnectAsync(ClusterFixture.AliceToken), await cluster.Replicas[2].ConnectAsync(ClusterFixture.AliceToken));

    private static Dictionary<string, object?> Output(string session, string runId, int waitMs = 0) =>
        new() { ["sessionId"] = session, ["runId"] = runId, ["waitMs"] = waitMs };
}
