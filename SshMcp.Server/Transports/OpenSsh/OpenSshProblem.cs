namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>What went wrong, read from what ssh printed (see <see cref="OpenSshErrors.Diagnose"/>).</summary>
internal enum OpenSshProblem
{
    HostNotFound,
    ConnectionRefused,
    Unreachable,
    TimedOut,
    HostKeyRefused,
    NotSsh,
    AuthenticationFailed,

    /// <summary>A jump host did not connect on to the next hop: it refuses forwarding, or cannot reach it, or no SSH server answers there.</summary>
    ForwardFailed,

    /// <summary>The first hop's ProxyCommand failed before any SSH server answered.</summary>
    ProxyFailed,
    Other,
}
