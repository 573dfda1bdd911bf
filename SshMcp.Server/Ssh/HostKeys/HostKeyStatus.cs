namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>Why a host key was trusted; reported to the agent by <c>ssh_open</c> (see <see cref="HostKeyStatusExtensions.ToWireString"/>).</summary>
public enum HostKeyStatus
{
    /// <summary>The key is in the user's known_hosts or the server's store.</summary>
    Known,

    /// <summary>The host was seen for the first time and trusted under <see cref="HostKeyPolicy.AcceptNew"/>.</summary>
    NewlyTrusted,

    /// <summary>The key matched the fingerprint pinned for the call.</summary>
    Pinned,

    /// <summary>Nothing vouched for the key: host key checking is off, or the key was refused.</summary>
    Unchecked,
}
