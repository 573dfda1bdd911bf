namespace SshMcp.Server.Transports.OpenSsh;

/// <param name="Detail">ssh's own words about it (a line of stderr), safe to show: ssh prints no secret.</param>
internal sealed record OpenSshDiagnosis(OpenSshProblem Problem, string Detail);
