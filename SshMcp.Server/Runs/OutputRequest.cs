using Orleans;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Runs;

/// <summary>One <c>ssh_output</c>, validated: which run and stream, from where, how much, how long to wait for more.</summary>
[GenerateSerializer]
internal sealed record OutputRequest(string RunId, RemoteStream Stream, long Offset, int MaxBytes, TimeSpan Wait, bool Base64);
