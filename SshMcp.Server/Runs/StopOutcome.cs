using Orleans;

namespace SshMcp.Server.Runs;

/// <summary>What <c>ssh_stop</c> did to a run.</summary>
[GenerateSerializer]
internal sealed record StopOutcome(string RunId, RunStopResult Result, int? ExitCode, string Notice);
