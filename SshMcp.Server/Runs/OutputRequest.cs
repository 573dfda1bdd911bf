using Orleans;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Runs;

/// <summary>One <c>ssh_output</c>, validated: which run and stream, from where, how much, how long to wait for more.</summary>
/// <param name="LocalPath">Save everything from the offset to this path on the server's machine (already confined to
/// SshMcp:Files:LocalRoot) instead of returning it; MaxBytes and Base64 do not apply.</param>
[GenerateSerializer]
internal sealed record OutputRequest(string RunId, RemoteStream Stream, long Offset, int MaxBytes, TimeSpan Wait, bool Base64, string? LocalPath = null);
