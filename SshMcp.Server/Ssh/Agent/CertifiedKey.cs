namespace SshMcp.Server.Ssh.Agent;

/// <summary>
/// Finds the plain public key inside an OpenSSH certificate blob (PROTOCOL.certkeys: type, nonce, then the key's
/// fields), so a certificate can be matched to the key that signs for it: in an agent, on disk or in a .pub file.
/// </summary>
internal static class CertifiedKey
{
    private static readonly Dictionary<string, (string Plain, int Fields)> Types = new(StringComparer.Ordinal)
    {
        ["ssh-ed25519-cert-v01@openssh.com"] = ("ssh-ed25519", 1),
        ["ssh-rsa-cert-v01@openssh.com"] = ("ssh-rsa", 2),
        ["ecdsa-sha2-nistp256-cert-v01@openssh.com"] = ("ecdsa-sha2-nistp256", 2),
        ["ecdsa-sha2-nistp384-cert-v01@openssh.com"] = ("ecdsa-sha2-nistp384", 2),
        ["ecdsa-sha2-nistp521-cert-v01@openssh.com"] = ("ecdsa-sha2-nistp521", 2),
        ["sk-ssh-ed25519-cert-v01@openssh.com"] = ("sk-ssh-ed25519@openssh.com", 2),
        ["sk-ecdsa-sha2-nistp256-cert-v01@openssh.com"] = ("sk-ecdsa-sha2-nistp256@openssh.com", 3),
        ["ssh-dss-cert-v01@openssh.com"] = ("ssh-dss", 4),
    };

    /// <summary>The certified key's blob, or null when the blob is not a certificate of a known type.</summary>
    public static byte[]? PlainBlob(ReadOnlySpan<byte> certificateBlob)
    {
        try
        {
            var reader = new SshWireReader(certificateBlob);
            if (!Types.TryGetValue(reader.ReadText(), out var type))
            {
                return null;
            }

            reader.ReadString(); // nonce
            var plain = new SshWireWriter().Text(type.Plain);
            for (var i = 0; i < type.Fields; i++)
            {
                plain.String(reader.ReadString());
            }

            return plain.ToArray();
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
