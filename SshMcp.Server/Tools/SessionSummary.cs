namespace SshMcp.Server.Tools;

/// <summary>One open session as <c>ssh_list</c> shows it.</summary>
/// <param name="IdleSeconds">Seconds since the session last ran a command (idle sessions are closed after a while).</param>
/// <param name="Busy">True while a command runs; another ssh_exec waits its turn.</param>
public sealed record SessionSummary(string SessionId, string Host, int Port, string Username, string Transport, string Cwd, long IdleSeconds, bool Busy);
