namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// What to resolve, as <c>ssh [-l user] [-p port] alias</c> would be asked. A user or port given here beats the
/// config's User and Port, exactly as on ssh's command line. <paramref name="IgnoreProxy"/> resolves a host reached
/// through an earlier jump host: like ssh for the later hops of a ProxyJump chain, its own ProxyJump and ProxyCommand
/// are not used.
/// </summary>
internal sealed record ResolveRequest(string Alias, string? User = null, int? Port = null, bool IgnoreProxy = false)
{
    // Characters ssh itself refuses in a host or user from its command line (OpenSSH's valid_hostname and
    // valid_ruser), plus '@' and '/': an alias is one name, never user@host or an ssh:// URI.
    private const string HostForbidden = "'`\"$\\;&<>|(){},@/";
    private const string UserForbidden = "'`\";&<>|(){}";

    /// <summary>Throws an invalid-argument failure when ssh would refuse the alias or the user.</summary>
    public void Validate()
    {
        if (Alias.Length is 0 or > 255 || Alias[0] == '-'
            || Alias.Any(c => HostForbidden.Contains(c, StringComparison.Ordinal) || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new SshFailureException(
                SshFailureKind.InvalidArgument,
                "host must be a host name, an IP address or an alias from ~/.ssh/config: no spaces, quotes, '@' or shell characters.");
        }

        if (User is not null && (User.Length is 0 or > 255 || User[0] == '-' || User.EndsWith('\\')
            || User.Any(c => UserForbidden.Contains(c, StringComparison.Ordinal) || char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            throw new SshFailureException(
                SshFailureKind.InvalidArgument,
                "username must be an account name: no spaces, quotes or shell characters.");
        }

        if (Port is < 1 or > 65535)
        {
            throw new SshFailureException(SshFailureKind.InvalidArgument, $"port must be between 1 and 65535 (got {Port}).");
        }
    }
}
