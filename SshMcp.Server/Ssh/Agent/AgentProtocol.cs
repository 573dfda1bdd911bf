namespace SshMcp.Server.Ssh.Agent;

/// <summary>
/// The messages of the SSH agent protocol (draft-miller-ssh-agent) that a client needs to list keys and have them
/// sign: each message is a uint32 length, a type byte and its contents. Pure encoding and decoding, no I/O.
/// </summary>
internal static class AgentProtocol
{
    /// <summary>The largest message OpenSSH's agent sends or accepts; a longer length means a broken peer.</summary>
    public const int MaxMessageLength = 256 * 1024;

    /// <summary>SSH_AGENT_RSA_SHA2_256: sign an RSA key with rsa-sha2-256 instead of the SHA-1 ssh-rsa.</summary>
    public const uint RsaSha2256 = 2;

    /// <summary>SSH_AGENT_RSA_SHA2_512: sign an RSA key with rsa-sha2-512.</summary>
    public const uint RsaSha2512 = 4;

    private const byte Failure = 5;
    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;
    private const byte ExtensionFailure = 28;

    /// <summary>SSH_AGENTC_REQUEST_IDENTITIES, framed.</summary>
    public static byte[] RequestIdentitiesMessage() => Frame(new SshWireWriter().Byte(RequestIdentities));

    /// <summary>SSH_AGENTC_SIGN_REQUEST for <paramref name="keyBlob"/> (a key or a certificate the agent holds), framed.</summary>
    public static byte[] SignRequestMessage(ReadOnlySpan<byte> keyBlob, ReadOnlySpan<byte> data, uint flags) =>
        Frame(new SshWireWriter().Byte(SignRequest).String(keyBlob).String(data).UInt32(flags));

    /// <summary>The keys and certificates in an SSH_AGENT_IDENTITIES_ANSWER (the message without its length).</summary>
    public static IReadOnlyList<AgentIdentity> ParseIdentities(ReadOnlySpan<byte> message)
    {
        var reader = Open(message, IdentitiesAnswer, "list its keys");
        var count = reader.ReadUInt32();
        var identities = new List<AgentIdentity>();
        for (var i = 0u; i < count; i++)
        {
            var blob = reader.ReadString().ToArray();
            var comment = reader.ReadText();
            if (AgentIdentity.TryCreate(blob, comment) is { } identity)
            {
                identities.Add(identity);
            }
        }

        return identities;
    }

    /// <summary>
    /// The signature in an SSH_AGENT_SIGN_RESPONSE (the message without its length), in the SSH encoding a
    /// USERAUTH_REQUEST carries: the signature algorithm's name, then the signature blob.
    /// </summary>
    public static byte[] ParseSignature(ReadOnlySpan<byte> message) =>
        Open(message, SignResponse, "sign").ReadString().ToArray();

    private static SshWireReader Open(ReadOnlySpan<byte> message, byte expected, string operation)
    {
        var reader = new SshWireReader(message);
        var type = reader.ReadByte();
        if (type is Failure or ExtensionFailure)
        {
            throw new SshAgentException(SshAgentFailure.Refused, $"The ssh-agent refused to {operation}.");
        }

        if (type != expected)
        {
            throw new SshAgentException(SshAgentFailure.Malformed, $"The ssh-agent answered a request to {operation} with message type {type}.");
        }

        return reader;
    }

    private static byte[] Frame(SshWireWriter body) =>
        new SshWireWriter().String(body.WrittenSpan).ToArray();
}
