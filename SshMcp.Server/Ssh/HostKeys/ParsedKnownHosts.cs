namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>The result of parsing one known_hosts file, with counts of the lines left out.</summary>
internal sealed record ParsedKnownHosts(IReadOnlyList<KnownHostEntry> Entries, int CertAuthorityLines, int MalformedLines)
{
    public static ParsedKnownHosts Empty { get; } = new([], 0, 0);
}
