using Renci.SshNet;
using Renci.SshNet.Security;

namespace SshMcp.Server.Ssh.Agent;

/// <summary>
/// One identity of an ssh-agent as SSH.NET's public-key method sees it: a certificate first when there is one (held
/// in the agent, or a CertificateFile for the agent's key), then the plain key.
/// </summary>
internal sealed class AgentKeySource : IPrivateKeySource
{
    private AgentKeySource(IReadOnlyCollection<HostAlgorithm> algorithms) => HostKeyAlgorithms = algorithms;

    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }

    /// <summary>An identity the agent holds, offered as it is (a key, or a certificate held in the agent).</summary>
    public static AgentKeySource For(AgentIdentity identity, SshAgentClient agent) =>
        new([Algorithm(identity, identity.SignatureAlgorithm, identity.Blob, agent)]);

    /// <summary>An agent's plain key with a certificate for it from a file: the certificate, then the key alone.</summary>
    public static AgentKeySource For(AgentIdentity key, AgentIdentity certificate, SshAgentClient agent) =>
        new([Algorithm(key, certificate.SignatureAlgorithm, certificate.Blob, agent), Algorithm(key, key.SignatureAlgorithm, key.Blob, agent)]);

    private static AgentHostAlgorithm Algorithm(AgentIdentity identity, string name, byte[] data, SshAgentClient agent) =>
        new(name, data, identity.Blob, identity.SignFlags, agent);
}
