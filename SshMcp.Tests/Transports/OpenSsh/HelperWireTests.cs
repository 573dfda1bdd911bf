using System.Text;
using SshMcp.Server.Transports.OpenSsh;

namespace SshMcp.Tests.Transports.OpenSsh;

public sealed class HelperWireTests
{
    [Fact]
    public void TryParse_WholeRequest_ReadsTheAskerEveryFieldAndItsLength()
    {
        var data = Encoding.UTF8.GetBytes("4242\02\0é one\0two\0next");

        Assert.True(HelperRequest.TryParse(data, out var request, out var consumed));

        Assert.Equal(4242, request.Asker);
        Assert.Equal(["é one", "two"], request.Fields);
        Assert.Equal(Encoding.UTF8.GetByteCount("4242\02\0é one\0two\0"), consumed);
    }

    [Theory]
    [InlineData("7\02\0one\0tw")]
    [InlineData("7\02")]
    [InlineData("7")]
    [InlineData("")]
    public void TryParse_PartOfARequest_WaitsForTheRest(string text)
    {
        Assert.False(HelperRequest.TryParse(Encoding.UTF8.GetBytes(text), out _, out _));
    }

    [Theory]
    [InlineData("x\01\0a\0")]
    [InlineData("7\0x\0a\0")]
    [InlineData("-7\01\0a\0")]
    public void TryParse_HeaderNotTwoNumbers_UnreadableAndSkipsToTheNextField(string text)
    {
        Assert.True(HelperRequest.TryParse(Encoding.UTF8.GetBytes(text), out var request, out var consumed));

        Assert.Same(HelperRequest.Unreadable, request);
        Assert.Empty(request.Fields);
        Assert.Equal(text.IndexOf('\0', StringComparison.Ordinal) + 1, consumed);
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
