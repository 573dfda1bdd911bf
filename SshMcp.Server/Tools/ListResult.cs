namespace SshMcp.Server.Tools;

/// <summary>The result of <c>ssh_list</c>: the caller's open sessions, oldest first, and its background runs on their hosts.</summary>
/// <param name="Runs">Background runs found on the sessions' hosts, oldest first; absent when there are none.</param>
/// <param name="Notice">Hosts that could not be asked about their runs.</param>
public sealed record ListResult(IReadOnlyList<SessionSummary> Sessions, IReadOnlyList<RunSummary>? Runs = null, string? Notice = null);
