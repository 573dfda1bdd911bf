namespace SshMcp.Server.Files.Sftp;

/// <summary>The status codes of SFTP version 3; OpenSSH maps every other errno to <see cref="Failure"/>.</summary>
internal enum SftpStatusCode : uint
{
    Ok = 0,
    Eof = 1,
    NoSuchFile = 2,
    PermissionDenied = 3,
    Failure = 4,
    BadMessage = 5,
    NoConnection = 6,
    ConnectionLost = 7,
    OpUnsupported = 8,
}
