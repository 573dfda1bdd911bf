using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

/// <summary>
/// The launcher, setup, probe and frames, run by real local shells (no SSH) and read back through the real parser:
/// what the server relies on must hold under every shell a host may give it.
/// </summary>
public sealed class ShellFrameTests(BusyboxBin busybox) : IClassFixture<BusyboxBin>
{
    [Theory]
    [AllShells]
    public async Task Start_AnyShell_RunsItAsALoginShellAndProbesItsPidAndFamily(string shell)
    {
        var path = LocalShells.PathOf(shell, busybox);
        await using var session = await LocalShellSession.StartAsync(path);

        var argv = (await File.ReadAllTextAsync($"/proc/{session.ProcessId}/cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(session.ProcessId, session.Probe.Pid);
        Assert.Equal([path, "-l"], argv);
        Assert.Equal(shell == "zsh" ? ShellFlavor.Zsh : ShellFlavor.Posix, session.Probe.Flavor);
    }

    [Theory]
    [AllShells]
    public async Task Run_ExitCodes_AreReadBackFromTheTrailer(string shell)
    {
        await using var session = await StartAsync(shell);

        Assert.Equal(0, (await session.RunAsync("true")).ExitCode);
        Assert.Equal(1, (await session.RunAsync("false")).ExitCode);
        Assert.Equal(3, (await session.RunAsync("(exit 3)")).ExitCode);
        Assert.Equal(42, (await session.RunAsync("sh -c 'exit 42'")).ExitCode);
        Assert.Equal(127, (await session.RunAsync("sshmcp-no-such-command")).ExitCode);
    }

    [Theory]
    [AllShells]
    public async Task Run_AfterAFailure_DollarQuestionIsThePreviousExitCode(string shell)
    {
        await using var session = await StartAsync(shell);

        await session.RunAsync("(exit 7)");
        var result = await session.RunAsync("echo $?");

        Assert.Equal("7\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [AllShells]
    public async Task Run_CdExportAndFunction_PersistAndTheTrailerHasTheCwd(string shell)
    {
        await using var session = await StartAsync(shell);

        var cd = await session.RunAsync("cd /tmp && export SM_KEPT=1 && f() { echo \"f:$1\"; }");
        var state = await session.RunAsync("echo $PWD $SM_KEPT; f y; sh -c 'echo child:$SM_KEPT'");

        Assert.Equal("/tmp", cd.Cwd);
        Assert.Equal("/tmp 1\nf:y\nchild:1\n", state.Stdout);
        Assert.Equal("/tmp", state.Cwd);
    }

    [Theory]
    [AllShells]
    public async Task Run_OutputWithoutFinalNewline_IsKeptExactlyOnBothStreams(string shell)
    {
        await using var session = await StartAsync(shell);

        var result = await session.RunAsync("printf out; printf err >&2");

        Assert.Equal("out", result.Stdout);
        Assert.Equal("err", result.Stderr);
    }

    [Theory]
    [AllShells]
    public async Task Run_UnbalancedQuote_FailsAndTheShellGoesOn(string shell)
    {
        await using var session = await StartAsync(shell);

        var broken = await session.RunAsync("echo \"unbalanced");
        var next = await session.RunAsync("echo ok");

        Assert.NotEqual(0, broken.ExitCode);
        Assert.NotEmpty(broken.Stderr);
        Assert.Equal("", broken.Stdout);
        Assert.Equal("ok\n", next.Stdout);
    }

    [Theory]
    [AllShells]
    public async Task Run_ExecRedirectsStderrForGood_MarkersStillCloseBothStreams(string shell)
    {
        await using var session = await StartAsync(shell);

        await session.RunAsync("exec 2>&1");
        var result = await session.RunAsync("echo out; echo err >&2");

        Assert.Equal("out\nerr\n", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [AllShells]
    public async Task Run_CommandReadingStdin_GetsEndOfFileAndLeavesTheNextFrameAlone(string shell)
    {
        await using var session = await StartAsync(shell);

        var reader = await session.RunAsync("cat; echo \"cat=$?\"; read -r line; echo \"read=$?\"");
        var next = await session.RunAsync("echo next");

        Assert.Equal("cat=0\nread=1\n", reader.Stdout);
        Assert.Equal("next\n", next.Stdout);
    }

    [Theory]
    [AllShells]
    public async Task Run_EachCommand_IsTaggedWithSessionAndRunNumber(string shell)
    {
        await using var session = await StartAsync(shell);

        var first = await session.RunAsync($"echo ${ShellScripts.TagVariable}");
        var second = await session.RunAsync($"sh -c 'echo ${ShellScripts.TagVariable}'");

        // Run 1 was the probe.
        Assert.Equal($"{LocalShellSession.SessionId}.2\n", first.Stdout);
        Assert.Equal($"{LocalShellSession.SessionId}.3\n", second.Stdout);
    }

    [Theory]
    [AllShells]
    public async Task Sent_SetupProbeAndFrames_NeverHoldTheMarkersControlByte(string shell)
    {
        await using var session = await StartAsync(shell);

        var result = await session.RunAsync("printf '%s\\n' \"$__sm_n\" 'a \\036 in quotes'");

        // Every marker starts with 0x1E, which is only ever printed (from the escape \036), never sent.
        Assert.DoesNotContain((byte)0x1E, session.Sent);
        Assert.Matches("^[0-9a-f]{16}\na \\\\036 in quotes\n$", result.Stdout);
    }

    private Task<LocalShellSession> StartAsync(string shell) => LocalShellSession.StartAsync(LocalShells.PathOf(shell, busybox));
}
