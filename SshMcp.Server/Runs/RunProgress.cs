using Orleans;

namespace SshMcp.Server.Runs;

/// <summary>
/// One progress report of a running command: <see cref="Value"/> grows with every report (bytes printed so far, plus
/// the seconds spent silent), <see cref="Message"/> is the last line printed, or how long it has run without output.
/// </summary>
[GenerateSerializer]
public sealed record RunProgress(double Value, string Message);
