namespace SshMcp.Server.Transports;

/// <summary>What a short command run by <see cref="ISshConnection.RunAsync"/> printed, and how it ended.</summary>
internal sealed record RemoteResult(int? ExitStatus, string Stdout, string Stderr);
