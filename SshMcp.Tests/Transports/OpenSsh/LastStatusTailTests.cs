using System.Text;
using SshMcp.Server.Transports.OpenSsh;

namespace SshMcp.Tests.Transports.OpenSsh;

/// <summary>The wrapper's last word for a status 255, found at the end of the shell's stdout whatever the reads' sizes.</summary>
public sealed class LastStatusTailTests
{
    private static readonly string Marker = ExitWrapper.Status255Marker;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Read_OutputThenMarkerInAnyPieces_GivesTheOutputAndHoldsTheMarker(int pieceLength)
    {
        var tail = new LastStatusTail();
        var stream = Encoding.ASCII.GetBytes("out\u001e put\u001e" + Marker);
        var given = new List<byte>();
        for (var at = 0; at < stream.Length; at += pieceLength)
        {
            given.AddRange(tail.Read(stream.AsSpan(at, Math.Min(pieceLength, stream.Length - at))).ToArray());
        }

        var held = tail.TakeHeld();

        Assert.Equal("out\u001e put\u001e", Encoding.ASCII.GetString(given.ToArray()));
        Assert.True(LastStatusTail.IsMarker(held));
    }

    [Fact]
    public void Read_MarkerFollowedByMoreOutput_GivesItAllAsOutput()
    {
        var tail = new LastStatusTail();

        var first = tail.Read(Encoding.ASCII.GetBytes("x" + Marker)).ToArray();
        var second = tail.Read("y"u8).ToArray();

        Assert.Equal("x", Encoding.ASCII.GetString(first));
        Assert.Equal(Marker + "y", Encoding.ASCII.GetString(second));
        Assert.Empty(tail.TakeHeld());
    }

    [Fact]
    public void TakeHeld_StreamEndsInAPartOfTheMarker_ThatPartIsOutput()
    {
        var tail = new LastStatusTail();

        var given = tail.Read(Encoding.ASCII.GetBytes("z" + Marker[..4])).ToArray();
        var held = tail.TakeHeld();

        Assert.Equal("z", Encoding.ASCII.GetString(given));
        Assert.Equal(Marker[..4], Encoding.ASCII.GetString(held));
        Assert.False(LastStatusTail.IsMarker(held));
    }
}
