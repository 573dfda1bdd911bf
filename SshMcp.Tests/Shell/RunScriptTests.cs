using System.Globalization;
using System.Text;
using SshMcp.Server.Runs;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

/// <summary>
/// Background runs started by the real <c>__sm_r</c> in real local shells (no SSH), then asked about by the real runs
/// script and stopped by the real stop script, under every shell and with both userlands.
/// </summary>
public sealed class RunScriptTests(BusyboxBin busybox) : IClassFixture<BusyboxBin>
{
    private const string Owner = "otest";
    private static readonly TimeSpan EndDeadline = TimeSpan.FromSeconds(20);

    [Theory]
    [AllShells]
    public async Task Start_AnyShell_RunsDetachedInTheShellsCwdAndEnvironmentAndLeavesItsStateAlone(string shell)
    {
        await using var session = await LocalShellSession.StartAsync(LocalShells.PathOf(shell, busybox));
        await session.RunAsync("cd /tmp; export SM_BG='a b'; B=mine");
        var runId = RunIds.New(DateTimeOffset.UtcNow);

        var start = await session.RunAsync(Launch(runId, "pwd; echo \"$SM_BG\"; echo err >&2; printf 'h\\303\\251'; exit 3"));
        var after = await session.RunAsync("echo \"$B ${f-unset} $__SSHMCP\"; pwd");

        Assert.Equal(("started setsid\n", 0, "/tmp"), (start.Stdout, start.ExitCode, start.Cwd));
        Assert.Matches($"^mine unset {LocalShellSession.SessionId}\\.[0-9]+\n/tmp\n$", after.Stdout);
        var files = RunFiles(session.Home, runId);
        await WaitForEndAsync(session, runId);
        Assert.Equal("3", (await File.ReadAllTextAsync(files + ".rc")).Trim());
        Assert.Equal("/tmp\na b\nhé", await File.ReadAllTextAsync(files + ".out"));
        Assert.Equal("err\n", await File.ReadAllTextAsync(files + ".err"));
        Assert.Equal(Owner, (await File.ReadAllTextAsync(files + ".meta")).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(files)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(files + ".out"));
    }

    [Theory]
    [AllShells]
    public async Task Start_AnyShell_TheRunIsNoDescendantOfTheShellAndLeadsItsOwnGroup(string shell)
    {
        await using var session = await LocalShellSession.StartAsync(LocalShells.PathOf(shell, busybox));
        var runId = RunIds.New(DateTimeOffset.UtcNow);

        await session.RunAsync(Launch(runId, "sleep 30"));
        var pid = await WrapperPidAsync(session.Home, runId);

        Assert.DoesNotContain(pid, LocalProcesses.LiveDescendants(session.ProcessId).Keys);
        Assert.Equal(pid, ProcessGroupOf(pid));
        Assert.Contains($"__SSHMCP={runId}", await File.ReadAllTextAsync($"/proc/{pid}/environ"), StringComparison.Ordinal);
        await StopAsync(LocalShells.PathOf(shell, busybox), Userland.System, runId, pid);
    }

    [Theory]
    [AllShells]
    public async Task Start_AfterTheShellsEnvironmentChanged_RunGetsItAsItIsNowAndTheLauncherEndsWithTheShell(string shell)
    {
        var session = await LocalShellSession.StartAsync(LocalShells.PathOf(shell, busybox));
        int launcher;
        string output;
        bool envKept;
        try
        {
            await session.RunAsync("export SM_OLD=old; cd /tmp");
            await session.RunAsync(Launch(RunIds.New(DateTimeOffset.UtcNow), "true"));
            await session.RunAsync("unset SM_OLD; export SM_NEW='n e w'; cd /");
            var runId = RunIds.New(DateTimeOffset.UtcNow);
            await session.RunAsync(ShellScripts.RunStartCall(runId, Owner, 1440, "echo \"${SM_OLD-unset} $SM_NEW\"; pwd"));
            launcher = int.Parse((await session.RunAsync("echo $__sm_L")).Stdout.Trim(), CultureInfo.InvariantCulture);
            var files = RunFiles(session.Home, runId);
            await WaitForEndAsync(session, runId);
            (output, envKept) = (await File.ReadAllTextAsync(files + ".out"), File.Exists(files + ".env"));
        }
        finally
        {
            await session.DisposeAsync();
        }

        Assert.Equal("unset n e w\n/\n", output);
        Assert.False(envKept, "the environment's copy outlived the start");
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(LocalProcesses.IsGone(launcher)), EndDeadline, default), $"launcher {launcher} outlived its shell");
    }

    [Theory]
    [AllShells]
    public async Task Start_ThenTheShellIsKilledAtOnce_TheRunStillRuns(string shell)
    {
        // A start, then ssh_close (or a dropped connection) at once: the launcher is forked by that very start and may
        // not have looked yet when the shell is gone. Each try is a fresh shell, so each makes its launcher anew.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await using var session = await LocalShellSession.StartAsync(LocalShells.PathOf(shell, busybox));
            var runId = RunIds.New(DateTimeOffset.UtcNow);

            await session.RunAsync(Launch(runId, "echo ran"));
            System.Diagnostics.Process.GetProcessById(session.ProcessId).Kill();

            await WaitForEndAsync(session, runId);
            Assert.Equal("ran\n", await File.ReadAllTextAsync(RunFiles(session.Home, runId) + ".out"));
        }
    }

    [Theory]
    [AllShells]
    public async Task Start_WhenTheLaunchersPidIsAnotherProcessNow_LeavesThatProcessAloneAndStillStarts(string shell)
    {
        // As when the launcher died and the kernel gave its PID to another process of the user: USR1 would end it. The
        // stand-in notes a USR1 in a file (once its trap is set), so a signal is told from any other end.
        await using var session = await LocalShellSession.StartAsync(LocalShells.PathOf(shell, busybox));
        await session.RunAsync(Launch(RunIds.New(DateTimeOffset.UtcNow), "true"));
        var marks = Path.Combine(session.Home, "stand-in");
        using var standIn = System.Diagnostics.Process.Start("/bin/sh", ["-c", "trap 'echo USR1 >\"$0.usr1\"; exit 0' USR1; : >\"$0.ready\"; sleep 60 & wait", marks]);
        try
        {
            Assert.True(await Poll.UntilAsync(_ => Task.FromResult(File.Exists(marks + ".ready")), EndDeadline, default), "the stand-in never set its trap");
            await session.RunAsync($"__sm_L={standIn.Id}");
            var runId = RunIds.New(DateTimeOffset.UtcNow);

            await session.RunAsync(ShellScripts.RunStartCall(runId, Owner, 1440, "echo ran"));
            await WaitForEndAsync(session, runId);

            Assert.Equal("ran\n", await File.ReadAllTextAsync(RunFiles(session.Home, runId) + ".out"));
            Assert.False(File.Exists(marks + ".usr1"), "the process that took the launcher's PID was sent USR1");
            Assert.NotEqual(standIn.Id.ToString(CultureInfo.InvariantCulture), (await session.RunAsync("echo $__sm_L")).Stdout.Trim());
        }
        finally
        {
            standIn.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [AllShells]
    public async Task Start_WithoutSetsid_StartsInTheShellsGroupAndSaysSo(string shell)
    {
        await using var session = await LocalShellSession.StartAsync(LocalShells.PathOf(shell, busybox));
        await session.RunAsync($"PATH={busybox.Directory}; export PATH");
        var runId = RunIds.New(DateTimeOffset.UtcNow);

        var start = await session.RunAsync(Launch(runId, "echo ran"));

        Assert.Equal("started nosetsid\n", start.Stdout);
        await WaitForEndAsync(session, runId);
        Assert.Equal("ran\n", await File.ReadAllTextAsync(RunFiles(session.Home, runId) + ".out"));
    }

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Runs_StatusReadAndList_AnswerAboutAnEndedRun(string shell, Userland userland)
    {
        await using var session = await LocalShellSession.StartAsync("/bin/bash");
        var runId = await EndedRunAsync(session, "printf 'one\\ntwo\\n'; printf 'h\\303\\251'; exit 5");
        var (runs, path) = (LocalShells.PathOf(shell, busybox), userland == Userland.Busybox ? busybox.Directory : null);

        var status = RunsScriptRun.Line(await RunsScriptRun.RunAsync(runs, session.Home, path, "status", Owner, runId));
        var read = await RunsScriptRun.RunAsync(runs, session.Home, path, "read", Owner, runId, "out", "4", "100");
        var tail = await RunsScriptRun.RunAsync(runs, session.Home, path, "read", Owner, runId, "out", "11", "100");
        var list = Encoding.UTF8.GetString(await RunsScriptRun.RunAsync(runs, session.Home, path, "list", Owner, "1440"));
        var foreign = Encoding.UTF8.GetString(await RunsScriptRun.RunAsync(runs, session.Home, path, "status", "oother", runId));

        Assert.Equal((HostRunState.Ended, 5, 11L, 0L, "none"), (status.State, status.ExitCode, status.StdoutBytes, status.StderrBytes, status.Kind));
        Assert.InRange(status.EndedSecondsAgo!.Value, 0, 60);
        Assert.Equal("data", RunsScriptRun.Line(read).Kind);
        Assert.EndsWith("\ntwo\nhé", Encoding.UTF8.GetString(read), StringComparison.Ordinal);
        Assert.Equal("tail", RunsScriptRun.Line(tail).Kind);
        Assert.EndsWith("\none\ntwo\nhé", Encoding.UTF8.GetString(tail), StringComparison.Ordinal);
        Assert.StartsWith($"{runId} run ended 5 11 0 ", list, StringComparison.Ordinal);
        Assert.EndsWith(" none printf 'one\\ntwo\\n'; printf 'h\\303\\251'; exit 5\n", list.TrimEnd('\n') + "\n", StringComparison.Ordinal);
        Assert.Equal("none\n", foreign);
    }

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Runs_Sweep_RemovesOldOutputKeepsAWeekLongTombstoneThenForgets(string shell, Userland userland)
    {
        await using var session = await LocalShellSession.StartAsync("/bin/bash");
        var runId = await EndedRunAsync(session, "exit 4");
        var files = RunFiles(session.Home, runId);
        var (runs, path) = (LocalShells.PathOf(shell, busybox), userland == Userland.Busybox ? busybox.Directory : null);

        await RunsScriptRun.RunAsync(runs, session.Home, path, "list", Owner, "60");
        var young = File.Exists(files + ".out");
        File.SetLastWriteTimeUtc(files + ".rc", DateTime.UtcNow.AddHours(-2));
        await RunsScriptRun.RunAsync(runs, session.Home, path, "list", Owner, "60");
        var removed = RunsScriptRun.Line(await RunsScriptRun.RunAsync(runs, session.Home, path, "status", Owner, runId));
        File.SetLastWriteTimeUtc(files + ".removed", DateTime.UtcNow.AddDays(-8));
        await RunsScriptRun.RunAsync(runs, session.Home, path, "list", Owner, "60");
        var forgotten = Encoding.UTF8.GetString(await RunsScriptRun.RunAsync(runs, session.Home, path, "status", Owner, runId));

        Assert.True(young, "a run that ended just now lost its output");
        Assert.Equal((HostRunState.Removed, 4), (removed.State, removed.ExitCode));
        Assert.InRange(removed.EndedSecondsAgo!.Value, 7000, 7400);
        Assert.False(File.Exists(files + ".out"));
        Assert.Equal("none\n", forgotten);
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(files)!, runId + ".*"));
    }

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Stop_Background_StopsEveryProcessOfTheRunAndTheWrapperRecordsHowItEnded(string shell, Userland userland)
    {
        await using var session = await LocalShellSession.StartAsync("/bin/bash");
        var runId = RunIds.New(DateTimeOffset.UtcNow);
        await session.RunAsync(Launch(runId, "sh -c 'sleep 301' & sleep 302; wait"));
        var pid = await WrapperPidAsync(session.Home, runId);
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(Tagged(runId).Count >= 4), EndDeadline, default), "the run's processes did not start");

        var verdict = await StopAsync(LocalShells.PathOf(shell, busybox), userland, runId, pid);

        Assert.True(verdict is StopVerdict.Stopped, $"verdict {verdict}");
        Assert.Empty(Tagged(runId));
        Assert.Matches("^1[0-9][0-9]$", (await File.ReadAllTextAsync(RunFiles(session.Home, runId) + ".rc")).Trim());
    }

    [Fact]
    public async Task Stop_RunThatIgnoresIntAndTerm_IsKilledAndMarkRecords137()
    {
        await using var session = await LocalShellSession.StartAsync("/bin/bash");
        var runId = RunIds.New(DateTimeOffset.UtcNow);
        await session.RunAsync(Launch(runId, "trap '' INT TERM; sleep 303"));
        var pid = await WrapperPidAsync(session.Home, runId);

        var verdict = await StopAsync("/bin/sh", Userland.System, runId, pid);
        var marked = RunsScriptRun.Line(await RunsScriptRun.RunAsync("/bin/sh", session.Home, null, "mark", Owner, runId, "137"));

        Assert.True(verdict is StopVerdict.Stopped, $"verdict {verdict}");
        Assert.Empty(Tagged(runId));
        Assert.Equal((HostRunState.Ended, 137), (marked.State, marked.ExitCode));
    }

    private static string Launch(string runId, string command) =>
        ShellScripts.RunStartDefinition + "\n" + ShellScripts.RunStartCall(runId, Owner, 1440, command);

    private static async Task<string> EndedRunAsync(LocalShellSession session, string command)
    {
        var runId = RunIds.New(DateTimeOffset.UtcNow);
        await session.RunAsync(Launch(runId, command));
        await WaitForEndAsync(session, runId);
        return runId;
    }

    private static async Task WaitForEndAsync(LocalShellSession session, string runId) =>
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(File.Exists(RunFiles(session.Home, runId) + ".rc")), EndDeadline, default), "the run did not end");

    private static string RunFiles(string home, string runId) => Path.Combine(home, ".cache", "sshmcp", "runs", runId);

    private static async Task<int> WrapperPidAsync(string home, string runId)
    {
        var file = RunFiles(home, runId) + ".pid";
        var pid = 0;
        Assert.True(
            await Poll.UntilAsync(async ct => File.Exists(file) && int.TryParse((await File.ReadAllTextAsync(file, ct)).Trim(), CultureInfo.InvariantCulture, out pid), EndDeadline, default),
            "the run did not write its PID");
        return pid;
    }

    private async Task<StopVerdict> StopAsync(string shellPath, Userland userland, string runId, int pid) =>
        (await StopScriptRun.RunAsync(shellPath, busybox, userland, pid, runId, StopScope.Background, 0)).Verdict;

    /// <summary>Live processes whose environment carries the run's tag.</summary>
    private static List<int> Tagged(string runId)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !LocalProcesses.IsGone(pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains($"__SSHMCP={runId}"))
                    {
                        found.Add(pid);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Gone meanwhile.
                }
            }
        }

        return found;
    }

    private static int ProcessGroupOf(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[2], CultureInfo.InvariantCulture);
    }
}
