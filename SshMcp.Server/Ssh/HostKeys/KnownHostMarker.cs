namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>The optional marker at the start of a known_hosts line.</summary>
internal enum KnownHostMarker
{
    /// <summary>A plain host key.</summary>
    None,

    /// <summary><c>@revoked</c>: this key must never be accepted for the matching hosts.</summary>
    Revoked,
}
