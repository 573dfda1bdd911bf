namespace SshMcp.Server.Tools;

/// <summary>The result of <c>ssh_list</c>: the caller's open sessions, oldest first.</summary>
public sealed record ListResult(IReadOnlyList<SessionSummary> Sessions);
