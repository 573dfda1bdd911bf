namespace SshMcp.Server.Runs;

/// <summary>The background runs found on the hosts of a principal's sessions.</summary>
/// <param name="Unreachable">The hosts (<c>user@host:port</c>) that could not be asked.</param>
internal sealed record RunListing(IReadOnlyList<ListedRun> Runs, IReadOnlyList<string> Unreachable);
