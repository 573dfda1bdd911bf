using Microsoft.Extensions.Logging;
using SshMcp.Server.Files.Sftp;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Files;

/// <summary>
/// A session's way to its host's files: one SFTP channel on the session's connection, opened on first use and shared
/// by every transfer of the session (requests are matched by id, so transfers run side by side), opened again if it
/// ended; shell tools instead when the host has no SFTP server, remembered for the session's life.
/// </summary>
internal sealed class SessionFiles(FileContext context, string logRef, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private SftpFileSystem? _sftp;
    private bool _noSftp = context.Options.Sftp == "exec";

    public async Task<IFileBackend> BackendAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _sftp) is { Channel.IsOpen: true } open)
        {
            return new SftpBackend(open, context);
        }

        if (_noSftp)
        {
            return new ExecBackend(context);
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_sftp is { Channel.IsOpen: true } opened)
            {
                return new SftpBackend(opened, context);
            }

            _sftp?.Dispose();
            _sftp = null;
            try
            {
                var channel = await SftpChannel.OpenAsync(context.Connection, context.Options.RequestTimeout, cancellationToken);
                var sftp = new SftpFileSystem(channel);
                await sftp.LearnLimitsAsync(cancellationToken);
                _sftp = sftp;
                FilesLog.SftpOpened(logger, logRef, sftp.ChunkBytes.Read, sftp.ChunkBytes.Write);
                return new SftpBackend(sftp, context);
            }
            catch (SftpUnavailableException ex) when (context.Connection.IsConnected)
            {
                FilesLog.NoSftp(logger, logRef, ex.Message);
                _noSftp = true;
                return new ExecBackend(context);
            }
            catch (Exception ex) when (ex is SftpUnavailableException or SftpChannelClosedException or TimeoutException)
            {
                throw Failures.ConnectionLost(context.Target);
            }
            catch (SshFailureException ex) when (ex.Kind == SshFailureKind.ChannelRefused)
            {
                throw Failures.FileChannelRefused(context.Target, ex);
            }
        }
        finally
        {
            _opening.Release();
        }
    }

    public void Dispose()
    {
        _sftp?.Dispose();
        _opening.Dispose();
    }
}
