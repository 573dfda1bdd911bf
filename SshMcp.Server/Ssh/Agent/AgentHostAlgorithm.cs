using Renci.SshNet.Security;

namespace SshMcp.Server.Ssh.Agent;

/// <summary>
/// One public-key algorithm SSH.NET offers to the server, whose signature the ssh-agent makes: the private key never
/// leaves the agent. <see cref="Data"/> is what the server sees (a key or a certificate blob); the agent is asked to
/// sign with <paramref name="agentBlob"/>, the identity as it holds it.
/// </summary>
internal sealed class AgentHostAlgorithm(string name, byte[] data, byte[] agentBlob, uint flags, SshAgentClient agent)
    : HostAlgorithm(name)
{
    public override byte[] Data => data;

    /// <exception cref="SshFailureException">The agent could not be reached or refused; the connect fails with its message.</exception>
    public override byte[] Sign(byte[] data)
    {
        try
        {
            return agent.Sign(agentBlob, data, flags);
        }
        catch (SshAgentException ex)
        {
            throw new SshFailureException(SshFailureKind.AgentUnavailable, CredentialMessages.AgentSignFailed(agent.SocketPath, ex), ex);
        }
    }

    /// <summary>Never called for client authentication: servers' signatures are checked against their host keys.</summary>
    public override bool VerifySignature(byte[] data, byte[] signature) =>
        throw new NotSupportedException("An agent key only signs; it does not verify signatures.");
}
