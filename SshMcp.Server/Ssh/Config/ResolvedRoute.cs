namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// A target and the jump hosts on the way, in connect order: connect to <c>Jumps[0]</c>, through it to
/// <c>Jumps[1]</c>, and so on, then to <see cref="Target"/>. When <c>Jumps[0]</c> (or the target, without jumps)
/// has a ProxyCommand, that command is how to reach it.
/// </summary>
internal sealed record ResolvedRoute(ResolvedTarget Target, IReadOnlyList<ResolvedTarget> Jumps);
