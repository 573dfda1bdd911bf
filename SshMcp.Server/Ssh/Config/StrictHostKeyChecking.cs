namespace SshMcp.Server.Ssh.Config;

/// <summary>The ssh_config StrictHostKeyChecking setting (OpenSSH's default is <see cref="Ask"/>).</summary>
internal enum StrictHostKeyChecking
{
    /// <summary><c>ask</c>: prompt for an unknown host (a server without a terminal cannot).</summary>
    Ask,

    /// <summary><c>yes</c>: known hosts only.</summary>
    Yes,

    /// <summary><c>accept-new</c>: trust a host seen for the first time, refuse a changed key.</summary>
    AcceptNew,

    /// <summary><c>no</c> or <c>off</c>: trust unknown hosts (OpenSSH still refuses a changed key for most purposes).</summary>
    No,
}
