using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Files;

/// <summary>The file tools' log lines (event ids 4100–4119). Paths are the agent's arguments: they are not logged.</summary>
internal static partial class FilesLog
{
    [LoggerMessage(4100, LogLevel.Debug, "Session {SessionId} opened its SFTP channel (requests of {ReadBytes} bytes read, {WriteBytes} written)")]
    public static partial void SftpOpened(ILogger logger, string sessionId, int readBytes, int writeBytes);

    [LoggerMessage(4101, LogLevel.Information, "The host of session {SessionId} has no SFTP server ({Reason}); its files go through shell tools")]
    public static partial void NoSftp(ILogger logger, string sessionId, string reason);

    [LoggerMessage(4102, LogLevel.Debug, "Session {SessionId} read {Bytes} bytes via {Via} in {ElapsedMs} ms")]
    public static partial void FileRead(ILogger logger, string sessionId, long bytes, string via, long elapsedMs);

    [LoggerMessage(4103, LogLevel.Debug, "Session {SessionId} wrote {Bytes} bytes via {Via} in {ElapsedMs} ms")]
    public static partial void FileWritten(ILogger logger, string sessionId, long bytes, string via, long elapsedMs);

    [LoggerMessage(4104, LogLevel.Information, "A file transfer in session {SessionId} failed: {Reason}")]
    public static partial void TransferFailed(ILogger logger, string sessionId, string reason);
}
