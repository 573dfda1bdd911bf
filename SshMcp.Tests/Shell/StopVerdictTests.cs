using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

public class StopVerdictTests
{
    [Theory]
    [InlineData("none\n")]
    [InlineData("none")]
    [InlineData("  none \r\n\n")]
    [InlineData("profile noise from ~/.ssh/rc\nnone\n")]
    public void Parse_None_IsNone(string output)
    {
        Assert.Equal(new StopVerdict.None(), StopVerdict.Parse(output));
    }

    [Theory]
    [InlineData("stopped\n")]
    [InlineData("\tstopped  ")]
    public void Parse_Stopped_IsStopped(string output)
    {
        Assert.Equal(new StopVerdict.Stopped(), StopVerdict.Parse(output));
    }

    [Theory]
    [InlineData("unconfirmed 12 345 \n")]
    [InlineData("unconfirmed   12\t345")]
    [InlineData("unconfirmed 12 x -3 345 0\n")]
    public void Parse_Unconfirmed_KeepsTheValidPids(string output)
    {
        Assert.Equal(new StopVerdict.Unconfirmed([12, 345]), StopVerdict.Parse(output));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n \n")]
    [InlineData("garbage")]
    [InlineData("none stopped")]
    [InlineData("Stopped")]
    [InlineData("stopped\nsh: 1: kill: No such process")]
    public void Parse_NothingOrGarbage_IsUnconfirmedWithoutPids(string? output)
    {
        Assert.Equal(new StopVerdict.Unconfirmed([]), StopVerdict.Parse(output));
    }

    [Fact]
    public void Unconfirmed_DifferentPids_AreNotEqual()
    {
        Assert.NotEqual(new StopVerdict.Unconfirmed([1]), new StopVerdict.Unconfirmed([2]));
        Assert.NotEqual<StopVerdict>(new StopVerdict.Stopped(), new StopVerdict.None());
    }
}
