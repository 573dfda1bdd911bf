namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// Follows ProxyJump as ssh does. For <c>ProxyJump a,b</c> ssh reaches <c>a</c> with a's own config (its own
/// ProxyJump or ProxyCommand included, recursively), then <c>b</c> through <c>a</c> with b's config but without b's
/// proxy settings, then the target through <c>b</c>. A user or port in a hop beats that hop's config. Bounded: a loop
/// or more than <see cref="MaxJumps"/> jump hosts is an error.
/// </summary>
internal sealed class JumpChain
{
    public const int MaxJumps = 8;

    private readonly ISshConfigResolver _resolver;
    private readonly string _alias;
    private readonly List<ResolvedTarget> _jumps = [];

    // The hosts whose first jump host is being resolved, to catch a loop.
    private readonly List<string> _path = [];

    private JumpChain(ISshConfigResolver resolver, string alias)
    {
        _resolver = resolver;
        _alias = alias;
    }

    public static async Task<ResolvedRoute> ResolveAsync(ISshConfigResolver resolver, ResolveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(request);
        var chain = new JumpChain(resolver, request.Alias);
        var target = await chain.ResolveAsync(request, cancellationToken);
        return new ResolvedRoute(target, chain._jumps);
    }

    private async Task<ResolvedTarget> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken)
    {
        var key = new JumpHost(request.Alias, request.User, request.Port).ToString();
        if (_path.Contains(key, StringComparer.Ordinal))
        {
            throw SshConfigErrors.JumpLoop([.. _path, key]);
        }

        var target = await _resolver.ResolveAsync(request, cancellationToken);
        if (target.ProxyJump.Count == 0)
        {
            return target;
        }

        if (_path.Count >= MaxJumps)
        {
            throw SshConfigErrors.JumpChainTooLong(_alias, MaxJumps);
        }

        _path.Add(key);
        Add(await ResolveAsync(ToRequest(target.ProxyJump[0], ignoreProxy: false), cancellationToken));
        _path.RemoveAt(_path.Count - 1);
        foreach (var hop in target.ProxyJump.Skip(1))
        {
            Add(await _resolver.ResolveAsync(ToRequest(hop, ignoreProxy: true), cancellationToken));
        }

        return target;
    }

    private void Add(ResolvedTarget jump)
    {
        if (_jumps.Count >= MaxJumps)
        {
            throw SshConfigErrors.JumpChainTooLong(_alias, MaxJumps);
        }

        _jumps.Add(jump);
    }

    private static ResolveRequest ToRequest(JumpHost hop, bool ignoreProxy) => new(hop.Host, hop.User, hop.Port, ignoreProxy);
}
