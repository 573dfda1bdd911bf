using System.Diagnostics;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SshMcp.Tests.Clients;

/// <summary>
/// The official TypeScript SDK clients (1.x, and 2.x pinned to 2026-07-28 or negotiating) against the real server
/// over stdio and HTTP, through every state an ssh_exec result can be in. The clients validate structuredContent
/// against the outputSchema themselves (as the Inspector, Claude Code and VS Code do), and the driver checks it again
/// with strict AJV; neither may fail, and each client must get the protocol revision it asks for.
/// </summary>
[Collection(ClientsCollection.Name)]
public sealed class OfficialClientTests(SshdFixture sshd, OneChannelSshdFixture oneChannel, ITestOutputHelper output)
    : IClassFixture<OneChannelSshdFixture>, IClassFixture<NodeClientsFixture>
{
    private const int StopTimeoutMs = 300;

    public static TheoryData<string, string> Rows { get; } = new()
    {
        { TypeScriptClient.Sdk1, ServerUnderTest.Stdio },
        { TypeScriptClient.Sdk1, ServerUnderTest.Http },
        { TypeScriptClient.Sdk2Pinned, ServerUnderTest.Stdio },
        { TypeScriptClient.Sdk2Pinned, ServerUnderTest.Http },
        { TypeScriptClient.Sdk2Auto, ServerUnderTest.Stdio },
        { TypeScriptClient.Sdk2Auto, ServerUnderTest.Http },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task EveryExecState_OfficialClient_ValidatesAndNegotiatesItsRevision(string kind, string transport)
    {
        var clock = Stopwatch.StartNew();
        await using var server = await ServerUnderTest.StartAsync(transport);
        await using var client = await server.StartClientAsync(kind);
        Assert.True(client.Connected.Ok, $"{kind} over {transport} could not connect: {client.Connected.ErrorMessage}\n{client.Stderr}");
        var tools = await client.ListToolsAsync();
        Assert.True(tools.Ok, $"tools/list failed: {tools.ErrorMessage}");
        var run = new ClientRun(client);

        run.Expect("connect", client.Connected.ProtocolVersion == ExpectedRevision(kind), $"protocol {ExpectedRevision(kind)}, negotiated {client.Connected.ProtocolVersion}");
        run.Expect("tools/list", tools.SchemaErrors == "{}", $"every outputSchema to compile under strict AJV: {tools.SchemaErrors}");
        await ExecStatesAsync(run);
        await ShellEndedAsync(run);
        await DroppedConnectionAsync(run);
        await StopUnconfirmedAsync(run);

        output.WriteLine($"{kind} over {transport}: protocol {client.Connected.ProtocolVersion}, {run.Calls} calls, {run.Problems.Count} problems, {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(string.Join('\n', run.Timings));
        Assert.True(run.Problems.Count == 0, $"{kind} over {transport}:\n{string.Join('\n', run.Problems)}");
    }

    private static string ExpectedRevision(string kind) => kind == TypeScriptClient.Sdk1 ? "2025-11-25" : "2026-07-28";

    private async Task ExecStatesAsync(ClientRun run)
    {
        var session = await run.OpenAsync("open", sshd);

        var hi = await run.ExecAsync("echo hi", session, "echo hi");
        run.Expect("echo hi", hi?.Field("stdout") == "hi\n" && hi.Field("exitCode") == "0", $"hi and exit 0, got {hi}");
        var nonZero = await run.ExecAsync("false", session, "false");
        run.Expect("false", nonZero?.Field("exitCode") == "1", $"exit 1, got {nonZero}");
        var three = await run.ExecAsync("exit 3 in a subshell", session, "(exit 3)");
        run.Expect("exit 3 in a subshell", three?.Field("exitCode") == "3", $"exit 3, got {three}");
        var timedOut = await run.ExecAsync("timeout", session, "sleep 30", StopTimeoutMs);
        run.Expect("timeout", timedOut?.Field("timedOut") == "true" && timedOut.Field("stop") == "stopped", $"timedOut and stopped, got {timedOut}");
        var big = await run.ExecAsync("truncated", session, "head -c 40000 /dev/zero | tr '\\0' a");
        run.Expect("truncated", big?.Field("truncated") == "true", $"truncated output, got {big?.Field("truncated")}");
        await RunStatesAsync(run, session, big?.Field("runId"));
        var binary = await run.ExecAsync("binary", session, "printf '\\000\\001\\377\\376bin'");
        run.Expect("binary", binary?.Field("stdout")?.EndsWith("bin", StringComparison.Ordinal) == true, $"binary output ending in bin, got {binary}");
        await run.ExecAsync("cd", session, "cd /tmp");
        var pwd = await run.ExecAsync("pwd after cd", session, "pwd");
        run.Expect("pwd after cd", pwd?.Field("stdout") == "/tmp\n", $"/tmp from the earlier cd, got {pwd}");
        var list = await run.SucceedsAsync("list", ToolNames.List, []);
        run.Expect("list", session is not null && list?.Field("sessions")?.Contains(session, StringComparison.Ordinal) == true, $"the open session listed, got {list}");

        var first = await run.SucceedsAsync("close", ToolNames.Close, ClientRun.Session(session));
        run.Expect("close", first?.Field("closed") == "true", $"closed, got {first}");
        var second = await run.SucceedsAsync("close again", ToolNames.Close, ClientRun.Session(session));
        run.Expect("close again", second?.Field("closed") == "false", $"closed false, got {second}");
    }

    /// <summary>ssh_output, ssh_stop, background runs and the runs ssh_list shows: every shape their results take.</summary>
    private static async Task RunStatesAsync(ClientRun run, string? session, string? truncatedRun)
    {
        var middle = await run.SucceedsAsync("output of the omitted middle", ToolNames.Output, Output(session, truncatedRun, 20_000));
        run.Expect("output of the omitted middle", middle?.Field("text")?.StartsWith("aaaa", StringComparison.Ordinal) == true, $"a's, got {middle}");
        var raw = await run.SucceedsAsync("output as base64", ToolNames.Output, new Dictionary<string, object?>(Output(session, truncatedRun, 0)) { ["base64"] = true, ["maxBytes"] = 3 });
        run.Expect("output as base64", raw?.Field("text") == "YWFh" && raw.Field("encoding") == "base64", $"YWFh in base64, got {raw}");
        var started = await run.SucceedsAsync("background start", ToolNames.Exec, new Dictionary<string, object?>(Command(session, "sleep 65")) { ["background"] = true });
        run.Expect("background start", started?.Field("running") == "true", $"running, got {started}");
        var listed = await run.SucceedsAsync("list with runs", ToolNames.List, []);
        run.Expect("list with runs", listed?.Field("runs")?.Contains(started?.Field("runId") ?? "?", StringComparison.Ordinal) == true, $"the run listed, got {listed}");
        var waited = await run.SucceedsAsync("output of a running run", ToolNames.Output, new Dictionary<string, object?>(Output(session, started?.Field("runId"), 0)) { ["waitMs"] = 300 });
        run.Expect("output of a running run", waited?.Field("running") == "true", $"still running, got {waited}");
        var stopped = await run.SucceedsAsync("stop", ToolNames.Stop, new Dictionary<string, object?>(ClientRun.Session(session)) { ["runId"] = started?.Field("runId") });
        run.Expect("stop", stopped?.Field("outcome") == "stopped", $"stopped, got {stopped}");
        var again = await run.SucceedsAsync("stop again", ToolNames.Stop, new Dictionary<string, object?>(ClientRun.Session(session)) { ["runId"] = started?.Field("runId") });
        run.Expect("stop again", again?.Field("outcome") == "already-ended", $"already-ended, got {again}");
        await run.FailsAsync("output past the end", ToolNames.Output, Output(session, truncatedRun, 1_000_000), "past the end");
    }

    private static Dictionary<string, object?> Output(string? session, string? runId, long offset) =>
        new(ClientRun.Session(session)) { ["runId"] = runId, ["offset"] = offset };

    private async Task ShellEndedAsync(ClientRun run)
    {
        var session = await run.OpenAsync("open for exit 7", sshd);
        var ended = await run.ExecAsync("exit 7", session, "exit 7");
        run.Expect("exit 7", ended?.Field("shellEnded") == "true" && ended.Field("exitCode") == "7", $"shellEnded with exit 7, got {ended}");
        await run.FailsAsync("exec after the shell ended", ToolNames.Exec, Command(session, "true"), "No open session");
    }

    private async Task DroppedConnectionAsync(ClientRun run)
    {
        var session = await run.OpenAsync("open for the dropped connection", sshd);
        await sshd.KillConnectionProcessesAsync(CancellationToken.None);
        await run.FailsAsync("exec on a dropped connection", ToolNames.Exec, Command(session, "echo x"), "connection");
    }

    private async Task StopUnconfirmedAsync(ClientRun run)
    {
        var session = await run.OpenAsync("open with one channel", oneChannel);
        var result = await run.ExecAsync("stop-unconfirmed", session, "sleep 64", StopTimeoutMs);
        run.Expect("stop-unconfirmed", result?.Field("stop") == "stop-unconfirmed", $"stop-unconfirmed, got {result}");
        await run.SucceedsAsync("close after stop-unconfirmed", ToolNames.Close, ClientRun.Session(session));
    }

    private static Dictionary<string, object?> Command(string? session, string command)
    {
        var arguments = ClientRun.Session(session);
        arguments["command"] = command;
        return arguments;
    }
}
