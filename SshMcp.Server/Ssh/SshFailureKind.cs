namespace SshMcp.Server.Ssh;

/// <summary>Why an SSH operation failed; also the <c>reason</c> tag of the open-failure metric.</summary>
internal enum SshFailureKind
{
    InvalidArgument,
    NoCredentials,
    AgentUnavailable,
    BadKey,
    HostNotFound,
    ConnectionRefused,
    Timeout,
    AuthenticationFailed,
    SecretNotGiven,
    HostKeyRejected,
    NotSsh,
    ConnectionLost,
    ShellFailed,
    ChannelRefused,
    SessionNotFound,
    SessionBusy,
    ShellEnded,
    LimitReached,
    TargetRefused,
    RunNotFound,
    RunFailed,
    ConfigInvalid,
    FileNotFound,
    PermissionDenied,
    TransferFailed,
    LocalPathRefused,
    Other,
}
