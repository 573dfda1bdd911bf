namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// What a Match criterion compares against, read from the settings so far as ssh does: the host is HostName with
/// <c>%h</c> expanded (or the alias), the user is User (or the local user).
/// </summary>
internal sealed class MatchContext(ConfigState state, string originalHost, string localUser, bool finalPass)
{
    public string OriginalHost => originalHost;

    public string LocalUser => localUser;

    public bool FinalPass => finalPass;

    public string RemoteUser() => state.User ?? localUser;

    public string Host()
    {
        if (state.HostName is null)
        {
            return originalHost;
        }

        return finalPass ? state.HostName : HostNameExpansion.Expand(state, originalHost);
    }
}
