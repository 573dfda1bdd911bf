using System.Globalization;
using SshMcp.Server.Files.Sftp;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Files;

/// <summary>
/// One write over SFTP. Replace: a temp file beside the target (created with the target's mode, so it is never more
/// open than the file it replaces), the data pipelined into it, fsync, owner then mode, the host's check of size and
/// sha256, then a rename over the target. Append: the data at the file's end, fsync, the same check. A
/// <see cref="WriteGuard"/> on the host undoes either unless the write is committed.
/// </summary>
internal sealed class SftpWriter(SftpFileSystem sftp, FileContext context)
{
    private static readonly TimeSpan CleanupBound = TimeSpan.FromSeconds(5);

    public async Task<WrittenFile> WriteAsync(WriteTarget target, WriteSpec spec, Stream source, TransferMeter meter, CancellationToken cancellationToken)
    {
        using var guard = await WriteGuard.StartAsync(context, target, spec, overStdin: false, cancellationToken);
        var (append, before, written) = (guard.Appends, guard.Before, guard.Written);
        byte[]? handle = null;
        var committed = false;
        var step = Step.Open;
        try
        {
            var createMode = spec.Mode ?? target.Existing?.Mode;
            handle = append
                ? await sftp.OpenAsync(written, SftpProtocol.OpenWrite | SftpProtocol.OpenAppend, SftpAttributes.None, cancellationToken)
                : await sftp.OpenAsync(
                    written,
                    SftpProtocol.OpenWrite | SftpProtocol.OpenCreate | SftpProtocol.OpenExclusive,
                    createMode is { } m ? new SftpAttributes { Permissions = (uint)(m & 0x1FF) } : SftpAttributes.None,
                    cancellationToken);
            step = Step.Write;
            await PumpAsync(handle, before, source, spec.Length, meter, cancellationToken);
            await sftp.FsyncAsync(handle, cancellationToken);
            step = Step.Owner;
            await KeepOwnerAsync(handle, target, append, cancellationToken);
            step = Step.Mode;
            if ((append ? spec.Mode : createMode) is { } mode)
            {
                await sftp.FSetStatAsync(handle, new SftpAttributes { Permissions = (uint)mode }, cancellationToken);
            }

            step = Step.Check;
            var closing = handle;
            handle = null;
            await sftp.CloseAsync(closing, cancellationToken);
            var check = await guard.CheckAsync(sendCheck: true, spec.Length, cancellationToken);
            check.Verify(before + spec.Length, meter.Sha256(), target.Path);
            step = Step.Rename;
            if (!append)
            {
                await sftp.RenameAsync(written, target.Path, cancellationToken);
                committed = true; // the new content is in place: the guard's undo would find no temp file
            }

            try
            {
                await guard.CommitAsync(null, null, cancellationToken);
                committed = true;
            }
            catch (Exception) when (committed)
            {
            }

            return new WrittenFile(await FinalAsync(target.Path, before + spec.Length, createMode, cancellationToken), check.FileSha256);
        }
        catch (Exception ex) when (!committed)
        {
            if (handle is not null)
            {
                await CloseQuietlyAsync(sftp, handle);
            }

            await guard.UndoAsync();
            if (!append)
            {
                await RemoveQuietlyAsync(written);
            }

            if (await ExplainAsync(ex, step, target, spec, meter) is { } failure)
            {
                throw failure;
            }

            throw;
        }
    }

    /// <summary>Closes a handle, bounded, ignoring failure: the channel may be gone, and a handle dies with it.</summary>
    public static async Task CloseQuietlyAsync(SftpFileSystem sftp, byte[] handle)
    {
        using var bound = new CancellationTokenSource(CleanupBound);
        try
        {
            await sftp.CloseAsync(handle, bound.Token);
        }
        catch (Exception ex) when (ex is SftpStatusException or SftpChannelClosedException or OperationCanceledException or FormatException or SshFailureException)
        {
        }
    }

    private async Task PumpAsync(byte[] handle, long start, Stream source, long length, TransferMeter meter, CancellationToken cancellationToken)
    {
        var window = Math.Max(4, SftpBackend.InFlightBytes / sftp.ChunkBytes.Write);
        var inFlight = new Queue<Task<SftpReply>>();
        var offset = start;
        try
        {
            await foreach (var chunk in SourceChunks.ReadAsync(source, length, sftp.ChunkBytes.Write, meter, cancellationToken))
            {
                if (inFlight.Count >= window)
                {
                    await ExpectOkAsync(inFlight.Dequeue(), cancellationToken);
                }

                // The packet is built from a copy: the chunk's buffer may be reused as soon as this returns.
                inFlight.Enqueue(await sftp.SendWriteAsync(handle, offset, chunk, cancellationToken));
                offset += chunk.Length;
            }

            while (inFlight.TryDequeue(out var reply))
            {
                await ExpectOkAsync(reply, cancellationToken);
            }
        }
        finally
        {
            SftpChannel.Abandon(inFlight);
        }
    }

    private async Task ExpectOkAsync(Task<SftpReply> pending, CancellationToken cancellationToken)
    {
        using var reply = await sftp.Channel.ReceiveAsync(pending, cancellationToken);
        reply.Expect(SftpProtocol.Status);
    }

    /// <summary>A file replaced by a new one keeps its owner and group: set them when the new file's differ (only root may give a file away).</summary>
    private async Task KeepOwnerAsync(byte[] handle, WriteTarget target, bool append, CancellationToken cancellationToken)
    {
        if (append || target.Existing is not { Uid: { } uid, Gid: { } gid })
        {
            return;
        }

        var now = await sftp.FStatAsync(handle, cancellationToken);
        if (now.Uid != uid || now.Gid != gid)
        {
            await sftp.FSetStatAsync(handle, new SftpAttributes { Uid = uid, Gid = gid }, cancellationToken);
        }
    }

    private async Task RemoveQuietlyAsync(string path)
    {
        using var bound = new CancellationTokenSource(CleanupBound);
        try
        {
            await sftp.RemoveAsync(path, bound.Token);
        }
        catch (Exception ex) when (ex is SftpStatusException or SftpChannelClosedException or OperationCanceledException or FormatException or SshFailureException)
        {
            // Gone already (the guard removed it), or the channel is: then the guard's end removes it.
        }
    }

    /// <summary>The file as it is now; what is known of it when the host cannot say (the write itself is done).</summary>
    private async Task<RemoteFile> FinalAsync(string path, long size, int? mode, CancellationToken cancellationToken)
    {
        try
        {
            return SftpErrors.ToRemoteFile(path, await sftp.StatAsync(path, cancellationToken));
        }
        catch (Exception ex) when (ex is SftpStatusException or SftpChannelClosedException or FormatException)
        {
            return new RemoteFile(path, size, mode ?? 0, null, null, null);
        }
    }

    private async Task<SshFailureException?> ExplainAsync(Exception exception, Step step, WriteTarget target, WriteSpec spec, TransferMeter meter)
    {
        var path = target.Path;
        var free = exception is SftpStatusException && step == Step.Write ? await FreeBytesAsync(path) : null;
        return (exception, step) switch
        {
            (SftpStatusException { Code: SftpStatusCode.PermissionDenied }, Step.Open) when !spec.Append || target.Existing is null =>
                Failures.FilePermissionDenied(RemotePaths.Directory(path), "create files in", context.User),
            (SftpStatusException { Code: SftpStatusCode.PermissionDenied }, Step.Open) => Failures.FilePermissionDenied(path, "write", context.User),
            (SftpStatusException status, Step.Write) => Failures.WriteFailed(path, meter.Done, spec.Length, status.ServerMessage, free, status),
            (SftpStatusException, Step.Owner) => Failures.OwnerNotKept(path, string.Create(CultureInfo.InvariantCulture, $"{target.Existing?.Uid}:{target.Existing?.Gid}")),
            (SftpStatusException status, Step.Mode) => Failures.FileOperationFailed(path, "set the mode of", status.ServerMessage, status),
            (SftpStatusException { Code: SftpStatusCode.PermissionDenied }, Step.Rename) => Failures.FilePermissionDenied(path, "replace", context.User),
            (HostWriteException { What: "ended" } host, _) => SftpErrors.Interrupted(path, "the host's side of the write ended", context, host),
            (HostWriteException host, _) => Failures.FileOperationFailed(path, "check", host.What, host),
            (TimeoutException, _) => SftpErrors.Interrupted(path, exception.Message, context, exception),
            _ => SftpErrors.Translate(exception, path, "write", context),
        };
    }

    private async Task<long?> FreeBytesAsync(string path)
    {
        using var bound = new CancellationTokenSource(CleanupBound);
        try
        {
            return await sftp.FreeBytesAsync(RemotePaths.Directory(path), bound.Token);
        }
        catch (Exception ex) when (ex is SftpStatusException or SftpChannelClosedException or OperationCanceledException or FormatException)
        {
            return null;
        }
    }

    private enum Step
    {
        Open,
        Write,
        Owner,
        Mode,
        Check,
        Rename,
        Done,
    }
}
