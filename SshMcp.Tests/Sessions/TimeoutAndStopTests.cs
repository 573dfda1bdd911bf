using System.Diagnostics;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

/// <summary>Timeouts and cancellation stop the command on the host and leave the session usable.</summary>
[Collection(SshdCollection.Name)]
public sealed class TimeoutAndStopTests(SshdFixture sshd) : SessionTestBase(sshd)
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(10);
    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_SleepPastTimeout_ReturnsOnTimeStopsItAndSessionGoesOn(string transport)
    {
        var session = await OpenAsync(transport);
        var clock = Stopwatch.StartNew();
        var result = await Server.ExecAsync(session, "echo started; sleep 31", timeoutMs: 1500);
        var elapsed = clock.Elapsed;
        var next = await Server.ExecAsync(session, "echo ok");

        Assert.True(result.TimedOut);
        Assert.Equal("stopped", result.Stop);
        Assert.Equal("started\n", result.Stdout);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(1400), TimeSpan.FromSeconds(6));
        Assert.Equal("ok\n", next.Stdout);
        Assert.Equal("", next.Stderr);
        Assert.True(await Sshd.WaitForNoProcessAsync(p => p.Args == "sleep 31", ProcessDeadline, default), "sleep 31 still runs on the host");
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_Timeout_KeepsCwdAndExportedVariables(string transport)
    {
        var session = await OpenAsync(transport);
        await Server.ExecAsync(session, "cd /tmp && export KEPT=yes");

        await Server.ExecAsync(session, "sleep 32", timeoutMs: 500);
        var result = await Server.ExecAsync(session, "pwd; echo $KEPT");

        Assert.Equal("/tmp\nyes\n", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_CommandIgnoringIntAndTerm_IsKilledAndConfirmed(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "trap '' INT TERM; sleep 33", timeoutMs: 800);

        Assert.True(result.TimedOut);
        Assert.Equal("stopped", result.Stop);
        Assert.Equal(137, result.ExitCode);
        Assert.True(await Sshd.WaitForNoProcessAsync(p => p.Args == "sleep 33", ProcessDeadline, default));
        Assert.Equal("ok\n", (await Server.ExecAsync(session, "echo ok")).Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_SetsidChildInItsOwnSession_IsStopped(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "setsid sleep 34", timeoutMs: 800);

        Assert.Equal("stopped", result.Stop);
        Assert.True(await Sshd.WaitForNoProcessAsync(p => p.Args == "sleep 34", ProcessDeadline, default));
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_Timeout_SparesAnEarlierBackgroundJob(string transport)
    {
        var session = await OpenAsync(transport);
        await Server.ExecAsync(session, "sleep 35 >/dev/null 2>&1 &");

        await Server.ExecAsync(session, "sleep 36", timeoutMs: 500);
        var jobs = await Server.ExecAsync(session, "jobs");

        Assert.Contains("sleep 35", jobs.Stdout, StringComparison.Ordinal);
        Assert.NotNull(await Sshd.WaitForProcessAsync(p => p.Args == "sleep 35", ProcessDeadline, default));
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_ShellLoopThatCannotBeSignalled_EndsTheShellAndSaysSo(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "while :; do :; done", timeoutMs: 500);

        Assert.True(result.TimedOut);
        Assert.True(result.ShellEnded);
        Assert.Contains("shell loop", result.Notice, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_Cancelled_StopsTheCommandOnTheHost(string transport)
    {
        var session = await OpenAsync(transport);
        using var cancel = new CancellationTokenSource();
        var call = Server.ExecAsync(session, "sleep 37", timeoutMs: 60_000, cancellationToken: cancel.Token);
        Assert.NotNull(await Sshd.WaitForProcessAsync(p => p.Args == "sleep 37", ProcessDeadline, default));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(await Sshd.WaitForNoProcessAsync(p => p.Args == "sleep 37", ProcessDeadline, default));
        Assert.Equal("ok\n", (await Server.ExecAsync(session, "echo ok")).Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_SecondCallOnBusySession_WaitsItsTurn(string transport)
    {
        var session = await OpenAsync(transport);
        var log = $"/tmp/sshmcp-turn-{Guid.NewGuid():N}";
        var first = Server.ExecAsync(session, $"echo a-start >> {log}; sleep 0.3; echo a-end >> {log}; echo a");
        var second = Server.ExecAsync(session, $"echo b-start >> {log}; sleep 0.3; echo b-end >> {log}; echo b");

        var results = await Task.WhenAll(first, second);
        var lines = (await Server.ExecAsync(session, $"cat {log}; rm -f {log}")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("a\n", results[0].Stdout);
        Assert.Equal("b\n", results[1].Stdout);
        // Whichever ran first, the two never overlapped.
        Assert.Equal(4, lines.Length);
        Assert.Equal(lines[0][0], lines[1][0]);
        Assert.Equal(lines[2][0], lines[3][0]);
        Assert.EndsWith("-start", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("-end", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_BusySessionShortTimeout_SaysItIsBusy(string transport)
    {
        var session = await OpenAsync(transport);
        var first = Server.ExecAsync(session, "sleep 38; echo done", timeoutMs: 5_000);
        Assert.NotNull(await Sshd.WaitForProcessAsync(p => p.Args == "sleep 38", ProcessDeadline, default));

        var error = await Server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "echo x", ["timeoutMs"] = 200 });

        Assert.Contains("still running an earlier command", error, StringComparison.Ordinal);
        Assert.True((await first).TimedOut);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_TwoSessions_RunInParallel(string transport)
    {
        var session = await OpenAsync(transport);
        var other = await OpenAsync(transport);
        var flag = $"/tmp/sshmcp-parallel-{Guid.NewGuid():N}";

        // The first can only finish if the second runs while the first is still waiting.
        var waiting = Server.ExecAsync(session, $"while [ ! -e {flag} ]; do sleep 0.05; done; echo saw-it", timeoutMs: 20_000);
        var touching = await Server.ExecAsync(other, $"touch {flag}");

        Assert.Equal(0, touching.ExitCode);
        Assert.Equal("saw-it\n", (await waiting).Stdout);
    }
}
