using Orleans;

namespace SshMcp.Server.Sessions;

/// <summary>One <c>ssh_exec</c>, validated: what to run, for how long, how much output to show inline, and where.</summary>
/// <param name="MaxOutputBytes">Bytes of each stream the result shows (first half and last half).</param>
/// <param name="Background">Start it detached on the host and return at once.</param>
[GenerateSerializer]
internal sealed record ExecRequest(string Command, TimeSpan Timeout, int MaxOutputBytes, bool Background = false);
