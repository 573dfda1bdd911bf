using System.Text;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

public class BoundedCaptureTests
{
    [Fact]
    public void ToText_UnderLimit_ReturnsEverythingExactly()
    {
        using var capture = new BoundedCapture(64);
        capture.Write("hello "u8);
        capture.Write("world"u8);

        var text = capture.ToText();

        Assert.Equal("hello world", text.Text);
        Assert.Equal(11, text.TotalBytes);
        Assert.Equal(0, text.OmittedBytes);
        Assert.False(capture.Truncated);
    }

    [Fact]
    public void ToText_OverLimit_KeepsHeadAndTailAndCountsTheMiddle()
    {
        using var capture = new BoundedCapture(20);
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 100).Select(i => (char)('a' + (i % 26)))));
        foreach (var chunk in data.Chunk(7))
        {
            capture.Write(chunk);
        }

        var text = capture.ToText();

        Assert.True(capture.Truncated);
        Assert.Equal(100, text.TotalBytes);
        Assert.Equal(80, text.OmittedBytes);
        Assert.Equal("abcdefghij\n[... 80 bytes omitted ...]\n" + Encoding.ASCII.GetString(data[^10..]), text.Text);
    }

    [Fact]
    public void ToText_OneHugeWrite_KeepsTheLastBytes()
    {
        using var capture = new BoundedCapture(8);
        capture.Write(Encoding.ASCII.GetBytes("0123456789ABCDEFGHIJ"));

        Assert.Equal("0123\n[... 12 bytes omitted ...]\nGHIJ", capture.ToText().Text);
    }

    [Fact]
    public void ToText_CutInsideMultiByteCharacters_NeverShowsHalfACharacter()
    {
        // "é" is 2 bytes, "€" is 3: cuts at 5 and at len-5 fall inside characters.
        using var capture = new BoundedCapture(10);
        var data = Encoding.UTF8.GetBytes("ééé€€€€€€ééé");
        capture.Write(data);

        var text = capture.ToText();

        Assert.DoesNotContain('\uFFFD', text.Text);
        Assert.StartsWith("éé\n", text.Text, StringComparison.Ordinal);
        Assert.EndsWith("\néé", text.Text, StringComparison.Ordinal);
        Assert.Equal(data.Length - 8, text.OmittedBytes);
        Assert.False(capture.LooksBinary);
    }

    [Fact]
    public void ToText_CharacterSplitAcrossWrites_StaysWhole()
    {
        using var capture = new BoundedCapture(1024);
        var euro = Encoding.UTF8.GetBytes("€");
        capture.Write(euro.AsSpan(0, 1));
        capture.Write(euro.AsSpan(1));

        Assert.Equal("€", capture.ToText().Text);
    }

    [Fact]
    public void LooksBinary_InvalidUtf8_IsTrue()
    {
        using var capture = new BoundedCapture(1024);
        capture.Write([0x41, 0xFF, 0x00, 0x42]);

        var text = capture.ToText();

        Assert.True(capture.LooksBinary);
        Assert.Equal(4, text.TotalBytes);
    }

    [Fact]
    public void Write_NothingWritten_AllocatesNothingAndReturnsEmpty()
    {
        using var capture = new BoundedCapture(1024);

        Assert.Equal(string.Empty, capture.ToText().Text);
        Assert.Equal(0, capture.TotalBytes);
    }
}
