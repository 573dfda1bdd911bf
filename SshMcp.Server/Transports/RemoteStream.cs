namespace SshMcp.Server.Transports;

internal enum RemoteStream
{
    Stdout,
    Stderr,
}
