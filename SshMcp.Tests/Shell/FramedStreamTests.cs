using System.Text;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

public class FramedStreamTests
{
    private static readonly FrameMarkers Markers = FrameMarkers.FromNonce("0123456789abcdef");

    private static (FramedStream Stream, BoundedCapture Capture) NewStdout()
    {
        var capture = new BoundedCapture(1 << 20);
        return (new FramedStream(Markers.StdoutBegin, Markers.StdoutEnd, Markers.TrailerEnd, capture), capture);
    }

    private static byte[] Bytes(params object[] parts)
    {
        var buffer = new List<byte>();
        foreach (var part in parts)
        {
            buffer.AddRange(part is byte[] b ? b : Encoding.UTF8.GetBytes((string)part));
        }

        return [.. buffer];
    }

    [Fact]
    public void Feed_NoiseBeforeBegin_IsDropped()
    {
        var (stream, capture) = NewStdout();

        stream.Feed(Bytes("profile noise\n", Markers.StdoutBegin, "out", Markers.StdoutEnd, "0;/tmp", Markers.TrailerEnd));

        Assert.True(stream.IsDone);
        Assert.Equal("out", capture.ToText().Text);
        Assert.Equal("0;/tmp", stream.Trailer);
    }

    [Fact]
    public void Feed_EveryByteSeparately_FindsMarkersSplitAcrossChunks()
    {
        var (stream, capture) = NewStdout();
        var data = Bytes(Markers.StdoutBegin, "a\u001eb", Markers.StdoutEnd, "42;/home/u", Markers.TrailerEnd);

        foreach (var b in data)
        {
            stream.Feed([b]);
        }

        Assert.True(stream.IsDone);
        Assert.Equal("a\u001eb", capture.ToText().Text);
        Assert.True(Trailer.TryParse(stream.Trailer, out var trailer));
        Assert.Equal(42, trailer.ExitCode);
        Assert.Equal("/home/u", trailer.Cwd);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    public void Feed_SplitAtAnyPoint_GivesTheSameOutput(int chunkSize)
    {
        var (stream, capture) = NewStdout();
        var data = Bytes(Markers.StdoutBegin, "line 1\nline 2 without newline", Markers.StdoutEnd, "0;/", Markers.TrailerEnd);

        foreach (var chunk in data.Chunk(chunkSize))
        {
            stream.Feed(chunk);
        }

        Assert.Equal("line 1\nline 2 without newline", capture.ToText().Text);
        Assert.Equal("0;/", stream.Trailer);
    }

    [Fact]
    public void Feed_LookalikeMarkersWithOtherNonce_AreOutput()
    {
        var (stream, capture) = NewStdout();
        var other = FrameMarkers.FromNonce("fedcba9876543210");
        var lookalike = Bytes(other.StdoutEnd, "0;/fake", other.TrailerEnd, "\u001e0123456789abcde}");

        stream.Feed(Bytes(Markers.StdoutBegin, lookalike, Markers.StdoutEnd, "0;/", Markers.TrailerEnd));

        Assert.Equal(Encoding.UTF8.GetString(lookalike), capture.ToText().Text);
        Assert.Equal("0;/", stream.Trailer);
    }

    [Fact]
    public void Feed_AfterDone_IgnoresLateBytes()
    {
        var (stream, capture) = NewStdout();
        stream.Feed(Bytes(Markers.StdoutBegin, "x", Markers.StdoutEnd, "0;/", Markers.TrailerEnd, "late output of a background job"));

        stream.Feed(Bytes("more"));

        Assert.Equal("x", capture.ToText().Text);
    }

    [Fact]
    public void Flush_StreamEndsInsideAPossibleMarker_KeepsTheHeldBackBytes()
    {
        var (stream, capture) = NewStdout();
        stream.Feed(Bytes(Markers.StdoutBegin, "bye", Markers.StdoutEnd.AsSpan(0, 4).ToArray()));

        stream.Flush();

        Assert.False(stream.IsDone);
        Assert.Equal("bye" + Encoding.ASCII.GetString(Markers.StdoutEnd, 0, 4), capture.ToText().Text);
    }

    [Fact]
    public void Feed_StderrStream_HasNoTrailer()
    {
        var capture = new BoundedCapture(1024);
        var stream = new FramedStream(Markers.StderrBegin, Markers.StderrEnd, null, capture);

        stream.Feed(Bytes(Markers.StderrBegin, "oops\n", Markers.StderrEnd));

        Assert.True(stream.IsDone);
        Assert.Null(stream.Trailer);
        Assert.Equal("oops\n", capture.ToText().Text);
    }
}
