using Orleans;
using SshMcp.Server.Shell;

namespace SshMcp.Server.Sessions;

/// <summary>What one command did, before the tool shapes it for the agent.</summary>
/// <param name="Notice">What to do next, and anything else worth knowing.</param>
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
    string? Notice)
{
    /// <summary>The run's id: its full output stays readable through it (the spool, or the host's files).</summary>
    [Id(12)]
    public string RunId { get; init; } = "";

    /// <summary>True for a background run that was just started.</summary>
    [Id(13)]
    public bool Running { get; init; }
}
