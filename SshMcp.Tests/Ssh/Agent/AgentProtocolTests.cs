using SshMcp.Server.Ssh.Agent;

namespace SshMcp.Tests.Ssh.Agent;

/// <summary>The agent protocol's encoding, byte for byte, and how malformed or refusing answers are reported.</summary>
public sealed class AgentProtocolTests
{
    [Fact]
    public void RequestIdentitiesMessage_IsLengthOneAndType11() =>
        Assert.Equal([0, 0, 0, 1, 11], AgentProtocol.RequestIdentitiesMessage());

    [Fact]
    public void SignRequestMessage_FramesBlobDataAndFlags()
    {
        var message = AgentProtocol.SignRequestMessage([0xAA, 0xBB], [0xCC], AgentProtocol.RsaSha2512);

        Assert.Equal([0, 0, 0, 16, 13, 0, 0, 0, 2, 0xAA, 0xBB, 0, 0, 0, 1, 0xCC, 0, 0, 0, 4], message);
    }

    [Fact]
    public void ParseIdentities_Answer_ReadsEachKeyAndComment()
    {
        var blob = new SshWireWriter().Text("ssh-ed25519").String(new byte[32]).ToArray();
        var answer = new SshWireWriter().Byte(12).UInt32(1).String(blob).Text("laptop key").ToArray();

        var identity = Assert.Single(AgentProtocol.ParseIdentities(answer));

        Assert.Equal(("ssh-ed25519", "laptop key", false), (identity.KeyType, identity.Comment, identity.IsCertificate));
        Assert.Equal(blob, identity.Blob);
    }

    [Fact]
    public void ParseIdentities_MoreKeysAnnouncedThanSent_ThrowsFormatException()
    {
        var answer = new SshWireWriter().Byte(12).UInt32(2).ToArray();

        Assert.Throws<FormatException>(() => AgentProtocol.ParseIdentities(answer));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(28)]
    public void ParseSignature_FailureAnswer_IsRefused(byte type)
    {
        var error = Assert.Throws<SshAgentException>(() => AgentProtocol.ParseSignature([type]));

        Assert.Equal(SshAgentFailure.Refused, error.Failure);
    }

    [Fact]
    public void ParseSignature_UnexpectedType_IsMalformed()
    {
        var error = Assert.Throws<SshAgentException>(() => AgentProtocol.ParseSignature([12, 0, 0, 0, 0]));

        Assert.Equal(SshAgentFailure.Malformed, error.Failure);
    }

    [Theory]
    [InlineData("ssh-rsa", "rsa-sha2-512", AgentProtocol.RsaSha2512)]
    [InlineData("ssh-rsa-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com", AgentProtocol.RsaSha2512)]
    [InlineData("ssh-ed25519", "ssh-ed25519", 0u)]
    [InlineData("ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com", 0u)]
    public void AgentIdentity_KeyType_OffersSha2ForRsaOnly(string keyType, string algorithm, uint flags)
    {
        var identity = new AgentIdentity(new SshWireWriter().Text(keyType).ToArray(), keyType, "");

        Assert.Equal((algorithm, flags), (identity.SignatureAlgorithm, identity.SignFlags));
    }
}
