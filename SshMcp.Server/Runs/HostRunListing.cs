using Orleans;
using SshMcp.Server.Shell;

namespace SshMcp.Server.Runs;

/// <summary>One background run as a host lists it: its id, state and the first line of its command.</summary>
[GenerateSerializer]
internal sealed record HostRunListing(string RunId, HostRunLine Line, string Command);
