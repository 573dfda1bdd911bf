using SshMcp.Server.Ssh.Config;

namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>How the server's host key policy and a host's StrictHostKeyChecking combine, for both transports.</summary>
internal static class HostKeyPolicies
{
    /// <summary>
    /// The stricter of the two: the server's <c>SshMcp:HostKeyPolicy</c> is a floor that a user's config can raise but
    /// never lower. <c>yes</c> makes it strict, <c>accept-new</c> raises <c>off</c> to accept-new, and <c>no</c>/<c>off</c>
    /// change nothing. <c>ask</c> (OpenSSH's default, indistinguishable from not set) changes nothing: a server has
    /// nobody to ask.
    /// </summary>
    internal static HostKeyPolicy Tighten(HostKeyPolicy server, StrictHostKeyChecking config)
    {
        var asked = config switch
        {
            StrictHostKeyChecking.Yes => HostKeyPolicy.Strict,
            StrictHostKeyChecking.AcceptNew => HostKeyPolicy.AcceptNew,
            _ => HostKeyPolicy.Off,
        };
        return Strictness(asked) > Strictness(server) ? asked : server;
    }

    private static int Strictness(HostKeyPolicy policy) => policy switch
    {
        HostKeyPolicy.Off => 0,
        HostKeyPolicy.AcceptNew => 1,
        _ => 2,
    };
}
