using System.Text;
using SshMcp.Server.Transports.OpenSsh;

namespace SshMcp.Tests.Transports.OpenSsh;

public sealed class HelperWireTests
{
    [Fact]
    public void TryParse_WholeRequest_ReadsEveryFieldAndItsLength()
    {
        var data = Encoding.UTF8.GetBytes("2\0é one\0two\0next");

        Assert.True(HelperRequest.TryParse(data, out var fields, out var consumed));

        Assert.Equal(["é one", "two"], fields);
        Assert.Equal(Encoding.UTF8.GetByteCount("2\0é one\0two\0"), consumed);
    }

    [Theory]
    [InlineData("2\0one\0tw")]
    [InlineData("2")]
    [InlineData("")]
    public void TryParse_PartOfARequest_WaitsForTheRest(string text)
    {
        Assert.False(HelperRequest.TryParse(Encoding.UTF8.GetBytes(text), out _, out _));
    }

    [Fact]
    public void TryParse_NotACount_SkipsToTheNextField()
    {
        Assert.True(HelperRequest.TryParse(Encoding.UTF8.GetBytes("x\01\0a\0"), out var fields, out var consumed));

        Assert.Empty(fields);
        Assert.Equal(2, consumed);
    }

    [Fact]
    public void ToLine_EachKind_HasItsWireForm()
    {
        Assert.Equal("+pw\n", HelperAnswer.Line("pw").ToLine());
        Assert.Equal("=\n", HelperAnswer.Nothing.ToLine());
        Assert.Equal("-\n", HelperAnswer.Refuse.ToLine());
        Assert.Equal("-\n", HelperAnswer.Line("two\nlines").ToLine());
        Assert.DoesNotContain("pw", HelperAnswer.Line("pw").ToString(), StringComparison.Ordinal);
    }
}
