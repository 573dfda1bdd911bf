using SshMcp.Server.Files.Sftp;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Files;

/// <summary>Says what an SFTP failure means for the file at hand, in <see cref="Failures"/>' words.</summary>
internal static class SftpErrors
{
    public static async Task<T> GuardAsync<T>(Func<Task<T>> operation, string path, string doing, FileContext context)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (Translate(ex, path, doing, context) is { } failure)
        {
            throw failure;
        }
    }

    public static async Task GuardAsync(Func<Task> operation, string path, string doing, FileContext context)
    {
        try
        {
            await operation();
        }
        catch (Exception ex) when (Translate(ex, path, doing, context) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The agent-facing failure, or null for what passes through as it is (cancellation, a failure already said).</summary>
    public static SshFailureException? Translate(Exception exception, string path, string doing, FileContext context) => exception switch
    {
        SftpStatusException { Code: SftpStatusCode.NoSuchFile } => Failures.FileNotFound(path),
        SftpStatusException { Code: SftpStatusCode.PermissionDenied } => Failures.FilePermissionDenied(path, doing, context.User),
        SftpStatusException status => Failures.FileOperationFailed(path, doing, status.ServerMessage.Length > 0 ? status.ServerMessage : status.Code.ToString(), status),
        SftpChannelClosedException or SftpUnavailableException => Interrupted(path, exception.Message, context, exception),
        FormatException => Interrupted(path, "the host's SFTP server sent something unexpected: " + exception.Message, context, exception),
        _ => null,
    };

    public static SshFailureException Interrupted(string path, string why, FileContext context, Exception? inner = null) =>
        Failures.TransferInterrupted(path, context.Target, why, !context.Connection.IsConnected, inner);

    public static RemoteFile ToRemoteFile(string path, SftpAttributes attributes) => new(
        path,
        attributes.Size ?? 0,
        (int)((attributes.Permissions ?? 0) & 0xFFF),
        attributes.ModifyTime is { } mtime ? DateTimeOffset.FromUnixTimeSeconds(mtime) : null,
        attributes.Uid,
        attributes.Gid);
}
