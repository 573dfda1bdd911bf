using SshMcp.Server.Files.Sftp;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Files;

/// <summary>
/// Files over the session's SFTP channel: lookups, and reads pipelined so that a window of requests is always in
/// flight (the window bounds memory whatever the file's size). Writes are in <see cref="SftpWriter"/>.
/// </summary>
internal sealed class SftpBackend(SftpFileSystem sftp, FileContext context) : IFileBackend
{
    /// <summary>Bytes requested ahead of the one being delivered: enough to keep a fast link busy, and the memory bound.</summary>
    internal const int InFlightBytes = 2 * 1024 * 1024;

    public string Via => "sftp";

    public async Task<RemoteFile> FindFileAsync(string path, CancellationToken cancellationToken)
    {
        var attributes = await SftpErrors.GuardAsync(() => sftp.StatAsync(path, cancellationToken), path, "read", context);
        RequireRegular(path, attributes);
        var absolute = path.StartsWith('/') ? path : await SftpErrors.GuardAsync(() => sftp.RealPathAsync(path, cancellationToken), path, "read", context);
        return SftpErrors.ToRemoteFile(absolute, attributes);
    }

    public async Task<WriteTarget> FindTargetAsync(string path, bool createDirs, CancellationToken cancellationToken)
    {
        try
        {
            var attributes = await sftp.StatAsync(path, cancellationToken);
            RequireRegular(path, attributes);
            var resolved = await sftp.RealPathAsync(path, cancellationToken);
            return new WriteTarget(resolved, SftpErrors.ToRemoteFile(resolved, attributes));
        }
        catch (SftpStatusException ex) when (ex.Code == SftpStatusCode.NoSuchFile)
        {
            var directory = RemotePaths.Directory(path);
            await SftpErrors.GuardAsync(() => EnsureDirectoryAsync(directory, createDirs, cancellationToken), directory, "reach", context);
            var resolved = await SftpErrors.GuardAsync(() => sftp.RealPathAsync(directory, cancellationToken), directory, "reach", context);
            return new WriteTarget(RemotePaths.Join(resolved, RemotePaths.Name(path)), null);
        }
        catch (Exception ex) when (SftpErrors.Translate(ex, path, "reach", context) is { } failure)
        {
            throw failure;
        }
    }

    public async Task ReadAsync(RemoteFile file, long offset, long count, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink, CancellationToken cancellationToken)
    {
        var handle = await SftpErrors.GuardAsync(() => sftp.OpenAsync(file.Path, SftpProtocol.OpenRead, SftpAttributes.None, cancellationToken), file.Path, "read", context);
        var chunk = sftp.ChunkBytes.Read;
        var window = Math.Max(4, InFlightBytes / chunk);
        var inFlight = new Queue<(long Offset, int Length, Task<SftpReply> Reply)>();
        var next = offset;
        var end = offset + count;
        try
        {
            while (true)
            {
                while (inFlight.Count < window && next < end)
                {
                    var length = (int)Math.Min(chunk, end - next);
                    inFlight.Enqueue((next, length, await sftp.SendReadAsync(handle, next, length, cancellationToken)));
                    next += length;
                }

                if (!inFlight.TryDequeue(out var request))
                {
                    return;
                }

                var got = await DeliverAsync(await sftp.Channel.ReceiveAsync(request.Reply, cancellationToken), sink, cancellationToken);
                while (got > 0 && got < request.Length)
                {
                    // A short read (not the end): fetch the rest of this piece before the next one is delivered.
                    var rest = await sftp.SendReadAsync(handle, request.Offset + got, request.Length - got, cancellationToken);
                    var more = await DeliverAsync(await sftp.Channel.ReceiveAsync(rest, cancellationToken), sink, cancellationToken);
                    got = more == 0 ? 0 : got + more;
                }

                if (got == 0)
                {
                    return; // the file ended early: it shrank while being read
                }
            }
        }
        catch (Exception ex) when (SftpErrors.Translate(ex, file.Path, "read", context) is { } failure)
        {
            throw failure;
        }
        finally
        {
            SftpChannel.Abandon(inFlight.Select(r => r.Reply));
            await SftpWriter.CloseQuietlyAsync(sftp, handle);
        }
    }

    public Task<WrittenFile> WriteAsync(WriteTarget target, WriteSpec spec, Stream source, TransferMeter meter, CancellationToken cancellationToken) =>
        new SftpWriter(sftp, context).WriteAsync(target, spec, source, meter, cancellationToken);

    private static async Task<int> DeliverAsync(SftpReply reply, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink, CancellationToken cancellationToken)
    {
        using (reply)
        {
            var data = SftpFileSystem.DataOf(reply);
            if (!data.IsEmpty)
            {
                await sink(data, cancellationToken);
            }

            return data.Length;
        }
    }

    private async Task EnsureDirectoryAsync(string directory, bool create, CancellationToken cancellationToken)
    {
        var missing = new Stack<string>();
        for (var current = directory; ; current = RemotePaths.Directory(current))
        {
            try
            {
                if (!(await sftp.StatAsync(current, cancellationToken)).IsDirectory)
                {
                    throw Failures.DirectoryMissing(current);
                }

                break;
            }
            catch (SftpStatusException ex) when (ex.Code == SftpStatusCode.NoSuchFile && current is not ("/" or "."))
            {
                missing.Push(current);
            }
        }

        if (missing.Count > 0 && !create)
        {
            throw Failures.DirectoryMissing(directory);
        }

        foreach (var path in missing)
        {
            await sftp.MkDirAsync(path, cancellationToken);
        }
    }

    private static void RequireRegular(string path, SftpAttributes attributes)
    {
        if (attributes.IsDirectory)
        {
            throw Failures.IsDirectory(path);
        }

        if (attributes.Permissions is not null && !attributes.IsRegularFile)
        {
            throw Failures.NotRegularFile(path);
        }
    }
}
