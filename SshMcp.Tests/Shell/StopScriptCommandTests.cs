using System.Security.Cryptography;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

/// <summary>
/// The real stop script in run mode (what one command started), under every shell and with both userlands: with
/// busybox's ps only, it must read the process table from /proc. The stand-in shell is shared, with earlier jobs.
/// </summary>
public sealed class StopScriptCommandTests(ShellWithEarlierJobs standIn, BusyboxBin busybox)
    : IClassFixture<ShellWithEarlierJobs>, IClassFixture<BusyboxBin>
{
    private static readonly TimeSpan GoneDeadline = TimeSpan.FromSeconds(10);

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Stop_Command_StopsItsTreeAndSubshellsAndSparesEarlierJobs(string shell, Userland userland)
    {
        var tag = NewTag();
        var command = await standIn.Shell.RunCommandAsync(tag);
        var escaped = standIn.Shell.StartEscapedProcess(tag);

        var (verdict, output) = await StopScriptRun.RunAsync(
            LocalShells.PathOf(shell, busybox), busybox, userland, standIn.Shell.Pid, tag, StopScope.Command, ShellWithEarlierJobs.MaxAgeSeconds);

        Assert.True(verdict is StopVerdict.Stopped, $"verdict {verdict}, output: {output}");
        int[] targets = [.. command, escaped];
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(targets.All(LocalProcesses.IsGone)), GoneDeadline, default), $"outlived the stop: {string.Join(' ', targets.Where(p => !LocalProcesses.IsGone(p)))} of {string.Join(' ', targets)}");
        Assert.DoesNotContain(standIn.EarlierJobs.Append(standIn.Shell.Pid), LocalProcesses.IsGone);
    }

    [Theory]
    [AllShells(WithUserlands = true)]
    public async Task Stop_CommandThatLeftNothing_SaysNoneAndSparesEarlierJobs(string shell, Userland userland)
    {
        var (verdict, output) = await StopScriptRun.RunAsync(
            LocalShells.PathOf(shell, busybox), busybox, userland, standIn.Shell.Pid, NewTag(), StopScope.Command, ShellWithEarlierJobs.MaxAgeSeconds);

        Assert.True(verdict is StopVerdict.None, $"verdict {verdict}, output: {output}");
        Assert.DoesNotContain(standIn.EarlierJobs.Append(standIn.Shell.Pid), LocalProcesses.IsGone);
    }

    private static string NewTag() => "stest." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
