using System.Buffers.Binary;
using System.Text;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Tests.Ssh.HostKeys;

public sealed class KnownHostsParserTests
{
    private static readonly string Ed25519 = Convert.ToBase64String(Blob("ssh-ed25519", 32));

    [Fact]
    public void Parse_MixedFile_KeepsUsableLinesWithTheirLineNumbers()
    {
        var text = string.Join('\n',
            "# comment",
            "",
            $"host.example.com ssh-ed25519 {Ed25519} a comment",
            $"@revoked * ssh-ed25519 {Ed25519}",
            $"@cert-authority *.example.com ssh-ed25519 {Ed25519}",
            $"@cert-authority *.example.org ssh-ed25519 {Ed25519}",
            $"\t [10.0.0.1]:2222\tssh-ed25519\t{Ed25519}\r",
            "");

        var parsed = KnownHostsParser.Parse(text, "/f");

        Assert.Equal(2, parsed.CertAuthorityLines);
        Assert.Equal(0, parsed.MalformedLines);
        Assert.Equal([3, 4, 7], parsed.Entries.Select(e => e.LineNumber));
        Assert.Equal([KnownHostMarker.None, KnownHostMarker.Revoked, KnownHostMarker.None], parsed.Entries.Select(e => e.Marker));
        Assert.All(parsed.Entries, e => Assert.Equal("/f", e.FilePath));
        Assert.True(parsed.Entries[2].Hosts.Matches("[10.0.0.1]:2222"));
    }

    [Theory]
    [InlineData("host.example.com ssh-ed25519")]
    [InlineData("host.example.com ssh-rsa {0}")]
    [InlineData("host.example.com ssh-ed25519 ###")]
    [InlineData("@revoked ssh-ed25519 {0}")]
    [InlineData("@cert ssh-ed25519 {0}")]
    [InlineData("|1|bad ssh-ed25519 {0}")]
    [InlineData("host.example.com 2048 65537 12345")]
    public void Parse_UnusableLine_IsCountedAndSkipped(string format)
    {
        var parsed = KnownHostsParser.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Ed25519), "/f");

        Assert.Empty(parsed.Entries);
        Assert.Equal(1, parsed.MalformedLines);
    }

    private static byte[] Blob(string type, int bodyLength)
    {
        var blob = new byte[4 + type.Length + bodyLength];
        BinaryPrimitives.WriteInt32BigEndian(blob, type.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(blob, 4);
        return blob;
    }
}
