namespace SshMcp.Server.Runs;

/// <summary>One background run found on a host, with the session through which it was found (and can be read).</summary>
internal sealed record ListedRun(string SessionId, string Host, int Port, string Username, HostRunListing Run);
