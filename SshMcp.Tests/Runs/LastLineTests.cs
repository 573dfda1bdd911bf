using System.Text;
using SshMcp.Server.Runs;

namespace SshMcp.Tests.Runs;

public sealed class LastLineTests
{
    [Theory]
    [InlineData("one\ntwo\n", "two")]
    [InlineData("one\ntw", "tw")]
    [InlineData("progress 10%\rprogress 55%", "progress 55%")]
    [InlineData("\u001b[1;32mok\u001b[0m\ttab\u0007\n", "ok tab")]
    [InlineData("", "")]
    public void Text_AfterOutput_IsTheLastLineCleaned(string output, string expected)
    {
        var line = new LastLine();
        foreach (var b in Encoding.UTF8.GetBytes(output))
        {
            line.Feed([b]);
        }

        Assert.Equal(expected, line.Text());
    }

    [Fact]
    public void Text_OfAHugeLine_IsAtMost200Characters()
    {
        var line = new LastLine();
        line.Feed(Encoding.UTF8.GetBytes(new string('é', 100_000)));

        Assert.Equal(new string('é', LastLine.MaxChars), line.Text());
    }
}
