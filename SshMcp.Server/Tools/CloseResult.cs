namespace SshMcp.Server.Tools;

/// <summary>The result of <c>ssh_close</c>.</summary>
/// <param name="Closed">True when an open session was closed; false when there was none (already closed or unknown).</param>
public sealed record CloseResult(string SessionId, bool Closed);
