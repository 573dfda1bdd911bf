using SshMcp.Server.Runs;

namespace SshMcp.Tests.Runs;

public sealed class ProgressReckoningTests
{
    [Fact]
    public void Next_SilentThenPrintingThenSilent_ValueAlwaysGrows()
    {
        var reckoning = new ProgressTicker.Reckoning();

        var silent1 = reckoning.Next(0, "", TimeSpan.FromSeconds(1));
        var silent2 = reckoning.Next(0, "", TimeSpan.FromSeconds(3));
        var printed = reckoning.Next(100_000_000, "step 3/9", TimeSpan.FromSeconds(5));
        var quiet = reckoning.Next(100_000_000, "step 3/9", TimeSpan.FromSeconds(7));

        Assert.Equal("running for 1 s, no output yet", silent1.Message);
        Assert.True(silent2.Value > silent1.Value && printed.Value > silent2.Value);
        Assert.True((float)quiet.Value > (float)printed.Value, "the value must grow even as a single-precision number");
        Assert.Equal("step 3/9", quiet.Message);
    }
}
