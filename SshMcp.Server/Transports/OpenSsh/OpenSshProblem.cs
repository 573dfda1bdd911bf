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
    JumpFailed,
    Other,
}
