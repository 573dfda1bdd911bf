namespace SshMcp.Server.Ssh.Config;

/// <summary>Turns a host alias into the settings OpenSSH would use for it.</summary>
internal interface ISshConfigResolver
{
    /// <summary><c>ssh</c> (runs <c>ssh -G</c>) or <c>builtin</c> (reads the files itself).</summary>
    string Name { get; }

    /// <summary>
    /// Resolves one host, without following its ProxyJump (see <see cref="JumpChain"/>). Throws
    /// <see cref="SshFailureException"/> for a bad request or config; the caller's cancellation propagates.
    /// </summary>
    Task<ResolvedTarget> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken);
}
