namespace SshMcp.Server.Tools;

/// <summary>The result of <c>ssh_stop</c>.</summary>
/// <param name="Outcome">stopped (no process of it is left), already-ended (nothing was signalled) or stop-unconfirmed.</param>
/// <param name="ExitCode">The run's exit status when known (128 + the signal that ended it).</param>
public sealed record StopResult(string RunId, string Outcome, string Notice, int? ExitCode = null);
