using Orleans;

namespace SshMcp.Server.Shell;

/// <summary>What one stream produced: the kept text, every byte counted, and how many bytes were dropped.</summary>
[GenerateSerializer]
internal readonly record struct CapturedText(string Text, long TotalBytes, long OmittedBytes);
