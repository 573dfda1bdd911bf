namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>How a session starts its ssh processes: the program, the host as the call named it, and the environment.</summary>
internal sealed record OpenSshLaunch(string SshPath, string Host, IReadOnlyDictionary<string, string?> Environment);
