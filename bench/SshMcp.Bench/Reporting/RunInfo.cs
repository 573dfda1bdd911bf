namespace SshMcp.Bench.Reporting;

/// <summary>The conditions of a run, kept beside its figures so later runs can be compared fairly.</summary>
public sealed record RunInfo(
    DateTimeOffset Started,
    string Mode,
    int ProcessorCount,
    string LoadAverageBefore,
    string? LoadAverageAfter,
    double ElapsedSeconds,
    string Runtime,
    string Configuration);
