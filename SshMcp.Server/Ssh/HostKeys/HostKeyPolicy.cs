namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>How host keys are checked; configured as <c>SshMcp:HostKeyPolicy</c>.</summary>
public enum HostKeyPolicy
{
    /// <summary><c>accept-new</c>: a host seen for the first time is trusted and remembered; a changed key is refused.</summary>
    AcceptNew,

    /// <summary><c>strict</c>: only hosts already in a known hosts file (or pinned) are accepted.</summary>
    Strict,

    /// <summary><c>off</c>: any key is accepted. Only for throw-away test hosts.</summary>
    Off,
}
