namespace SshMcp.Server.Runs;

/// <summary>What a <see cref="HostScript"/> printed: stdout as bytes, stderr as (bounded) text.</summary>
internal sealed record HostScriptResult(ReadOnlyMemory<byte> Stdout, string Stderr);
