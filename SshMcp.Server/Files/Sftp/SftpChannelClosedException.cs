namespace SshMcp.Server.Files.Sftp;

/// <summary>The SFTP channel ended (the connection dropped, or the host's SFTP server exited) with requests unanswered.</summary>
internal sealed class SftpChannelClosedException(string reason, Exception? inner = null) : Exception(reason, inner);
