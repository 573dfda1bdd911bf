using Orleans;
using SshMcp.Server.Shell;

namespace SshMcp.Server.Sessions;

/// <summary>What one command did, before the tool shapes it for the agent.</summary>
[GenerateSerializer]
internal sealed record ExecOutcome(
    CapturedText Stdout,
    CapturedText Stderr,
    bool BinaryOutput,
    int? ExitCode,
    string? Signal,
    string Cwd,
    TimeSpan Duration,
    bool TimedOut,
    bool Cancelled,
    string? StopStatus,
    bool ShellEnded,
    string? Notice);
