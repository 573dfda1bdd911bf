using System.Security.Cryptography;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

/// <summary>The real stop script in all mode (closing a session), under every shell and with both userlands.</summary>
public sealed class StopScriptSessionTests(BusyboxBin busybox) : IClassFixture<BusyboxBin>
{
    private static readonly TimeSpan GoneDeadline = TimeSpan.FromSeconds(10);

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Stop_Session_StopsTheShellItsJobsAndEverythingTaggedEvenWhatIgnoresTerm(string shell, Userland userland)
    {
        var session = "s" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        await using var standIn = StandInShell.Start();
        var untaggedJob = await standIn.StartBackgroundJobAsync(ignoreTerm: true);
        var taggedJob = await standIn.StartBackgroundJobAsync(tag: session + ".1");
        var command = await standIn.RunCommandAsync(session + ".2", ignoreTerm: true);
        var escaped = standIn.StartEscapedProcess(session + ".3");

        var (verdict, output) = await StopScriptRun.RunAsync(
            LocalShells.PathOf(shell, busybox), busybox, userland, standIn.Pid, session + ".", StopScope.Session, 0);

        Assert.True(verdict is StopVerdict.Stopped, $"verdict {verdict}, output: {output}");
        int[] targets = [standIn.Pid, .. untaggedJob, .. taggedJob, .. command, escaped];
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(targets.All(LocalProcesses.IsGone)), GoneDeadline, default), $"outlived the stop: {string.Join(' ', targets.Where(p => !LocalProcesses.IsGone(p)))} of {string.Join(' ', targets)}");
    }
}
