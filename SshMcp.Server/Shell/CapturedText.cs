using Orleans;

namespace SshMcp.Server.Shell;

/// <summary>
/// What one stream produced: the kept text, every byte counted, and how many bytes were dropped; when some were,
/// <see cref="OmittedFrom"/> is the byte offset of the first one (where reading the rest begins).
/// </summary>
[GenerateSerializer]
internal readonly record struct CapturedText(string Text, long TotalBytes, long OmittedBytes, long OmittedFrom = 0);
