using SshMcp.Server.Runs;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Runs;

public sealed class RunIdsTests
{
    [Fact]
    public void New_IsWellFormedUniqueAndCarriesItsStartTime()
    {
        var now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        var a = RunIds.New(now);
        var b = RunIds.New(now);

        Assert.True(RunIds.IsWellFormed(a));
        Assert.NotEqual(a, b);
        Assert.Equal(now, RunIds.StartedAt(a));
        Assert.Equal(33, a.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("r123")]
    [InlineData("s1234567890abcdef1234567890abcdef")]
    [InlineData("r1234567890ABCDEF1234567890abcdef")]
    [InlineData("r1234567890abcdef1234567890abcd;x")]
    public void IsWellFormed_AnythingElse_IsFalse(string? id) => Assert.False(RunIds.IsWellFormed(id));

    [Theory]
    [InlineData("KILL", 137)]
    [InlineData("TERM", 143)]
    [InlineData("SIGINT", 130)]
    [InlineData("WINCH", null)]
    [InlineData(null, null)]
    public void Signals_ExitCodeOf_IsWhatAShellWouldReport(string? signal, int? expected) =>
        Assert.Equal(expected, Signals.ExitCodeOf(signal));

    [Fact]
    public void HostRunLine_TryParse_ReadsTheScriptsLine()
    {
        Assert.True(HostRunLine.TryParse("run ended 137 10 2 1700000000 1700000100 4242 data", out var line));
        Assert.Equal((HostRunState.Ended, 137, 10L, 2L, 100L, 4242, "data"), (line.State, line.ExitCode, line.StdoutBytes, line.StderrBytes, line.EndedSecondsAgo, line.Pid, line.Kind));
        Assert.True(HostRunLine.TryParse("run running - 0 0 - 1700000100 - none", out var running));
        Assert.Equal((true, null, null), (running.IsRunning, running.ExitCode, running.EndedSecondsAgo));
        Assert.False(HostRunLine.TryParse("none", out _));
    }
}
