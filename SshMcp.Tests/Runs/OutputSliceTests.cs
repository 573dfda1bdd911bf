using System.Text;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Runs;

public sealed class OutputSliceTests
{
    [Fact]
    public void Cut_PiecesFromEachNextOffset_ConcatenateToTheWholeText()
    {
        var text = string.Concat(Enumerable.Range(0, 500).Select(i => $"{i} héllo € 😀 ✓\n"));
        var bytes = Encoding.UTF8.GetBytes(text);
        var pieces = new StringBuilder();

        for (var offset = 0; offset < bytes.Length;)
        {
            var window = bytes.AsSpan(offset, Math.Min(OutputSlice.ReadSize(7), bytes.Length - offset));
            var slice = OutputSlice.Cut(window, 7, atEnd: offset + window.Length == bytes.Length, base64: false, midStream: offset > 0);
            Assert.Equal(0, slice.Skipped);
            Assert.InRange(slice.Bytes, 1, 7);
            pieces.Append(slice.Text);
            offset += slice.Bytes;
        }

        Assert.Equal(text, pieces.ToString());
    }

    [Fact]
    public void Cut_OffsetInsideACharacter_SkipsToTheNextOne()
    {
        var bytes = Encoding.UTF8.GetBytes("€uro");

        var slice = OutputSlice.Cut(bytes.AsSpan(1), 10, atEnd: true, base64: false, midStream: true);

        Assert.Equal((2, "uro"), (slice.Skipped, slice.Text));
    }

    [Fact]
    public void Cut_OneCharacterLongerThanMaxBytes_ReturnsItWhole()
    {
        var slice = OutputSlice.Cut(Encoding.UTF8.GetBytes("😀x"), 1, atEnd: true, base64: false, midStream: false);

        Assert.Equal(("😀", 4), (slice.Text, slice.Bytes));
    }

    [Fact]
    public void Cut_BinaryBytes_AreFlaggedWithNoTextUnlessBase64()
    {
        byte[] bytes = [0, 0xFF, 0xFE, (byte)'a'];

        var plain = OutputSlice.Cut(bytes, 10, atEnd: true, base64: false, midStream: false);
        var base64 = OutputSlice.Cut(bytes, 10, atEnd: true, base64: true, midStream: false);

        Assert.Equal(("", 4, true), (plain.Text, plain.Bytes, plain.Binary));
        Assert.Equal(bytes, Convert.FromBase64String(base64.Text));
    }

    [Fact]
    public void Cut_IncompleteCharacterAtTheEndOfAFinishedStream_IsReturnedNotHeldBack()
    {
        byte[] bytes = [(byte)'a', 0xE2, 0x82];

        var running = OutputSlice.Cut(bytes, 10, atEnd: false, base64: false, midStream: false);
        var ended = OutputSlice.Cut(bytes, 10, atEnd: true, base64: false, midStream: false);

        Assert.Equal(("a", 1), (running.Text, running.Bytes));
        Assert.Equal((3, true), (ended.Bytes, ended.Binary));
    }
}
