namespace SshMcp.Bench.Floors;

/// <summary>What a raw shell command printed on stdout, and its exit status.</summary>
internal readonly record struct RawAnswer(string Output, int ExitCode);
