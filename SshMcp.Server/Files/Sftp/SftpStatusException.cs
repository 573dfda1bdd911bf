namespace SshMcp.Server.Files.Sftp;

/// <summary>The host's SFTP server answered a request with an error status. Internal: the file layer says it to the agent.</summary>
internal sealed class SftpStatusException(SftpStatusCode code, string serverMessage)
    : Exception($"SFTP status {code}: {serverMessage}")
{
    public SftpStatusCode Code { get; } = code;

    /// <summary>The server's own words (OpenSSH: "No such file", "Permission denied", "Failure").</summary>
    public string ServerMessage { get; } = serverMessage;
}
