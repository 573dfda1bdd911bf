namespace SshMcp.Server.Files.Sftp;

/// <summary>The host has no SFTP server: the subsystem request was refused, or the channel ended before it answered.</summary>
internal sealed class SftpUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);
