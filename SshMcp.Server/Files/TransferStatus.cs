using Orleans;

namespace SshMcp.Server.Files;

/// <summary>How far a transfer has come, for progress notifications.</summary>
[GenerateSerializer]
internal readonly record struct TransferStatus(long Done, long Total);
