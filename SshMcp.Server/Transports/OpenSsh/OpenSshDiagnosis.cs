namespace SshMcp.Server.Transports.OpenSsh;

/// <param name="Detail">ssh's own words about it (a line of stderr), safe to show: ssh prints no secret.</param>
/// <param name="Hop">The index in the route of the hop that failed (for <see cref="OpenSshProblem.ForwardFailed"/>, the jump host that did not connect on to the hop after it).</param>
internal sealed record OpenSshDiagnosis(OpenSshProblem Problem, string Detail, int Hop = 0);
