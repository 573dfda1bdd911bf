namespace SshMcp.Server.Shell;

/// <summary>How to run a script that reads data on stdin: the exec request, then <paramref name="Preamble"/> first on stdin.</summary>
internal sealed record ScriptLaunch(string CommandLine, byte[] Preamble);
