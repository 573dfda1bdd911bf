using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Ssh.Agent;

/// <summary>
/// The ssh-agent as one connect sees it: the identities it listed, and which of them were offered already, so an
/// identity file the agent holds and the agent's own list never offer one key twice.
/// </summary>
internal sealed class AgentKeyring
{
    private readonly HashSet<AgentIdentity> _offered = [];

    private AgentKeyring(AgentLocation location, SshAgentClient client, IReadOnlyList<AgentIdentity> identities)
    {
        Location = location;
        Client = client;
        Identities = identities;
    }

    public AgentLocation Location { get; }

    public SshAgentClient Client { get; }

    public IReadOnlyList<AgentIdentity> Identities { get; }

    /// <summary>Lists the agent's identities; an unreachable or empty agent gives a problem sentence instead.</summary>
    public static async Task<(AgentKeyring? Keyring, string? Problem)> OpenAsync(
        AgentLocation location, TimeSpan requestTimeout, ILogger logger, CancellationToken cancellationToken)
    {
        var client = new SshAgentClient(location.SocketPath, requestTimeout);
        try
        {
            var identities = await client.ListIdentitiesAsync(cancellationToken);
            AgentLog.Listed(logger, location.SocketPath, location.Origin, identities.Count);
            return identities.Count == 0
                ? (null, CredentialMessages.AgentEmpty(location))
                : (new AgentKeyring(location, client, identities), null);
        }
        catch (SshAgentException ex)
        {
            AgentLog.Unreachable(logger, location.SocketPath, location.Origin, ex.Failure.ToString());
            return (null, CredentialMessages.AgentUnreachable(location, ex));
        }
    }

    /// <summary>The agent's plain key with this blob, if it holds it.</summary>
    public AgentIdentity? FindKey(ReadOnlySpan<byte> plainBlob)
    {
        foreach (var identity in Identities)
        {
            if (!identity.IsCertificate && plainBlob.SequenceEqual(identity.Blob))
            {
                return identity;
            }
        }

        return null;
    }

    /// <summary>Marks an identity as offered; false when it already was.</summary>
    public bool Offer(AgentIdentity identity) => _offered.Add(identity);

    /// <summary>Identities not offered yet, certificates first (one refused offer fewer against a CA-only server).</summary>
    public IEnumerable<AgentIdentity> Remaining() =>
        Identities.Where(identity => !_offered.Contains(identity)).OrderBy(identity => identity.IsCertificate ? 0 : 1);
}
