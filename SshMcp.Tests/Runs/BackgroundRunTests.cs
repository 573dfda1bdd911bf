using SshMcp.TestKit;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;
using SshMcp.Tests.Shell;

namespace SshMcp.Tests.Runs;

/// <summary>Background runs on a real sshd: detached on the host, read and stopped from any later session.</summary>
[Collection(SshdCollection.Name)]
public sealed class BackgroundRunTests(SshdFixture sshd) : IClassFixture<BusyboxBin>
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(20);

    [Theory]
    [Transports]
    public async Task Background_StartsAtOnceInTheSessionsCwdAndEnvironment_OutputAndExitCodeReadLater(string transport)
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.Client.OpenAsync(sshd, transport)).SessionId;
        await server.Client.ExecAsync(session, "cd /tmp && export SM_BG='from the session'");

        var start = await server.Client.ExecAsync(session, "pwd; echo \"$SM_BG\"; echo oops >&2; sleep 1; echo done; exit 7", background: true);
        var still = await server.Client.ExecAsync(session, "pwd");
        var end = await server.Client.WaitForEndAsync(session, start.RunId);
        var stdout = await server.Client.OutputAsync(session, start.RunId);
        var stderr = await server.Client.OutputAsync(session, start.RunId, stream: "stderr");

        Assert.Equal((true, null, "", ""), (start.Running, start.ExitCode, start.Stdout, start.Stderr));
        Assert.Contains("ssh_output", start.Notice, StringComparison.Ordinal);
        Assert.Equal("/tmp\n", still.Stdout);
        Assert.Equal((false, 7), (end.Running, end.ExitCode));
        Assert.Equal("/tmp\nfrom the session\ndone\n", stdout.Text);
        Assert.Equal("oops\n", stderr.Text);
    }

    [Theory]
    [Transports]
    public async Task Background_SurvivesTheConnectionBeingKilled_ReadFromANewSession(string transport)
    {
        await using var server = await McpServerHarness.StartAsync();
        var first = (await server.Client.OpenAsync(sshd, transport)).SessionId;
        var start = await server.Client.ExecAsync(first, "echo begun; sleep 3; echo survived", background: true);
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 3", ProcessDeadline, default));

        Assert.True(await sshd.KillConnectionProcessesAsync(default) > 0);
        var second = (await server.Client.OpenAsync(sshd, transport)).SessionId;
        var end = await server.Client.WaitForEndAsync(second, start.RunId);

        Assert.Equal(0, end.ExitCode);
        Assert.Equal("begun\nsurvived\n", (await server.Client.OutputAsync(second, start.RunId)).Text);
    }

    [Theory]
    [Transports]
    public async Task Background_TheLaunchersOwnProcessesCarryNoSessionTag(string transport)
    {
        // ssh_close's sweep stops every process whose environment carries the session's tag. The launcher is a fork of
        // the session's shell: had it passed on the tag of the command that started it, its nap and the first stage of
        // each run would be the session's, and a close in that instant could stop a run before it takes its own tag.
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.Client.OpenAsync(sshd, transport)).SessionId;
        var start = await server.Client.ExecAsync(session, "sleep 41", background: true);
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 41", ProcessDeadline, default));

        ProcessSnapshot? nap = null;
        await Poll.UntilAsync(
            _ =>
            {
                var wrapper = ProcessTree.Descendants(1).FirstOrDefault(p =>
                    p.Argv.StartsWith("/bin/sh -c umask 077", StringComparison.Ordinal) && p.Environment.Contains($"__SSHMCP={start.RunId}\n", StringComparison.Ordinal));
                nap = wrapper is not null && ProcessTree.ReadParent(wrapper.Pid) is { } launcher
                    ? ProcessTree.Descendants(launcher).FirstOrDefault(p => p.Argv == "sleep 2")
                    : null;
                return Task.FromResult(nap is not null);
            },
            ProcessDeadline,
            default);

        await server.Client.StopAsync(session, start.RunId);
        Assert.NotNull(nap);
        Assert.DoesNotContain("__SSHMCP=", nap.Environment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Background_SurvivesClose_AndSshListShowsIt()
    {
        await using var server = await McpServerHarness.StartAsync();
        var first = (await server.OpenAsync(sshd)).SessionId;
        var start = await server.Client.ExecAsync(first, "sleep 2; echo after close", background: true);

        await server.CloseAsync(first);
        var second = (await server.OpenAsync(sshd)).SessionId;
        var listed = await server.CallAsync<ListResult>(ToolNames.List, new Dictionary<string, object?>());
        var end = await server.Client.WaitForEndAsync(second, start.RunId);

        var run = Assert.Single(listed.Runs!, r => r.RunId == start.RunId);
        Assert.Equal((second, "sleep 2; echo after close"), (run.SessionId, run.Command));
        Assert.Contains(run.State, (string[])["running", "ended"]);
        Assert.Equal(0, end.ExitCode);
        Assert.Equal("after close\n", (await server.Client.OutputAsync(second, start.RunId)).Text);
    }

    [Theory]
    [Transports]
    public async Task Stop_Background_LeavesNoProcessOfTheRunAndThenSaysItHadEnded(string transport)
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.Client.OpenAsync(sshd, transport)).SessionId;
        var start = await server.Client.ExecAsync(session, "sh -c 'sleep 311' & sleep 312; wait", background: true);
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 311", ProcessDeadline, default));
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 312", ProcessDeadline, default));

        var stop = await server.Client.StopAsync(session, start.RunId);
        var processes = await sshd.ListUserProcessesAsync(default);
        var again = await server.Client.StopAsync(session, start.RunId);
        var output = await server.Client.OutputAsync(session, start.RunId);

        Assert.Equal("stopped", stop.Outcome);
        Assert.InRange(stop.ExitCode!.Value, 129, 137);
        // Only this run's sleeps: other tests of the same user sleep 31 at the same time.
        Assert.DoesNotContain(processes, p => p.Args.Contains("sleep 311", StringComparison.Ordinal) || p.Args.Contains("sleep 312", StringComparison.Ordinal));
        Assert.Equal(("already-ended", stop.ExitCode), (again.Outcome, again.ExitCode));
        Assert.Contains("had already ended", again.Notice, StringComparison.Ordinal);
        Assert.Equal((false, stop.ExitCode), (output.Running, output.ExitCode));
    }

    [Fact]
    public async Task Stop_RunIgnoringIntAndTerm_IsKilledAndReports137()
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.OpenAsync(sshd)).SessionId;
        var start = await server.Client.ExecAsync(session, "trap '' INT TERM; sleep 313", background: true);
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 313", ProcessDeadline, default));

        var stop = await server.Client.StopAsync(session, start.RunId);

        Assert.Equal(("stopped", 137), (stop.Outcome, stop.ExitCode));
        Assert.Contains("SIGKILL", stop.Notice, StringComparison.Ordinal);
        Assert.True(await sshd.WaitForNoProcessAsync(p => p.Args == "sleep 313", ProcessDeadline, default));
    }

    [Fact]
    public async Task Stop_ForegroundRunThatEnded_SaysSoWithItsExitCode()
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.OpenAsync(sshd)).SessionId;
        var run = await server.Client.ExecAsync(session, "exit_with() { return $1; }; exit_with 3");

        var stop = await server.Client.StopAsync(session, run.RunId);

        Assert.Equal(("already-ended", 3), (stop.Outcome, stop.ExitCode));
    }

    [Fact]
    public async Task Output_RunPastRetention_SaysWhenItEndedAndThatItWasRemoved()
    {
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Runs:RetentionHours"] = "1" });
        var session = (await server.OpenAsync(sshd)).SessionId;
        var start = await server.Client.ExecAsync(session, "echo old", background: true);
        await server.Client.WaitForEndAsync(session, start.RunId);

        await server.Client.ExecAsync(session, $"touch -d '3 hours ago' ~/.cache/sshmcp/runs/{start.RunId}.rc");
        await server.CallAsync<ListResult>(ToolNames.List, new Dictionary<string, object?>());
        var removed = await server.Client.CallErrorAsync(ToolNames.Output, RunCalls.OutputArguments(session, start.RunId));

        Assert.Contains($"Run {start.RunId} ended 3 h ago with exit code 0; its output was removed", removed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Background_OnAHostWithoutSetsid_StillRunsOutlivesCloseAndSaysSo()
    {
        using var busybox = new BusyboxBin();
        await using var server = await McpServerHarness.StartAsync();
        var first = (await server.OpenAsync(sshd)).SessionId;
        await server.Client.ExecAsync(first, $"PATH={busybox.Directory}; export PATH");

        var start = await server.Client.ExecAsync(first, "sleep 2; echo no setsid needed", background: true);
        await server.CloseAsync(first);
        var second = (await server.OpenAsync(sshd)).SessionId;
        var end = await server.Client.WaitForEndAsync(second, start.RunId);

        Assert.Contains("setsid is not installed", start.Notice, StringComparison.Ordinal);
        Assert.Equal(0, end.ExitCode);
        Assert.Equal("no setsid needed\n", (await server.Client.OutputAsync(second, start.RunId)).Text);
    }
}
