using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Ssh.Agent;

/// <summary>
/// A key or certificate an ssh-agent holds: its public blob as the agent knows it (what a sign request names), its
/// type and the comment <c>ssh-add</c> gave it. Holds no secret: the private key stays in the agent.
/// </summary>
internal sealed record AgentIdentity(byte[] Blob, string KeyType, string Comment)
{
    public const string CertificateSuffix = "-cert-v01@openssh.com";

    private const string RsaType = "ssh-rsa";

    public bool IsCertificate => KeyType.EndsWith(CertificateSuffix, StringComparison.Ordinal);

    /// <summary>
    /// The algorithm offered to the server. RSA keys sign with rsa-sha2-512 (SHA-1 <c>ssh-rsa</c> is refused by
    /// current servers, and each refused offer costs one of sshd's MaxAuthTries); other keys with their own type.
    /// </summary>
    public string SignatureAlgorithm => KeyType switch
    {
        RsaType => "rsa-sha2-512",
        RsaType + CertificateSuffix => "rsa-sha2-512" + CertificateSuffix,
        _ => KeyType,
    };

    /// <summary>The SIGN_REQUEST flags that make the agent produce <see cref="SignatureAlgorithm"/>.</summary>
    public uint SignFlags => KeyType is RsaType or RsaType + CertificateSuffix ? AgentProtocol.RsaSha2512 : 0;

    /// <summary>The blob of the plain key: the identity's own, or the one a certificate certifies.</summary>
    public byte[] PlainKeyBlob => IsCertificate ? CertifiedKey.PlainBlob(Blob) ?? Blob : Blob;

    public string Fingerprint => HostKeyBlob.Sha256Fingerprint(Blob);

    public static AgentIdentity? TryCreate(byte[] blob, string comment) =>
        HostKeyBlob.TryReadKeyType(blob, out var keyType) ? new AgentIdentity(blob, keyType, comment) : null;

    // A record prints every property; a blob is no secret, but keep log lines short and free of key material.
    public override string ToString() => $"{KeyType} {Fingerprint}";
}
