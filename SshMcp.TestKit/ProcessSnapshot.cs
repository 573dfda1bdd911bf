namespace SshMcp.TestKit;

/// <summary>One process as /proc showed it: its argv (joined by spaces) and its environment (one variable a line).</summary>
public sealed record ProcessSnapshot(int Pid, string Argv, string Environment);
