using System.Globalization;
using SshMcp.Server.Shell;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Files;

/// <summary>
/// Files through shell tools on exec channels, for hosts without an SFTP server: <c>file-stat.sh</c> to look,
/// <c>tail | head</c> per slice to read (each slice is a command whose whole output fits the slice's buffer, which
/// bounds memory, since SSH.NET does not slow a sender down), and <see cref="WriteGuard"/> over stdin to write.
/// </summary>
internal sealed class ExecBackend(FileContext context) : IFileBackend
{
    private const int SliceBytes = 4 * 1024 * 1024;
    private const int WriteChunkBytes = 64 * 1024;

    public string Via => "exec";

    public async Task<RemoteFile> FindFileAsync(string path, CancellationToken cancellationToken)
    {
        var found = await StatAsync(path, cancellationToken);
        return found.Kind switch
        {
            "file" when found.Readable => found.File,
            "file" => throw Failures.FilePermissionDenied(path, "read", context.User),
            "dir" => throw Failures.IsDirectory(path),
            "other" => throw Failures.NotRegularFile(path),
            "denied" => throw Failures.FilePermissionDenied(RemotePaths.Directory(path), "enter", context.User),
            _ => throw Failures.FileNotFound(path),
        };
    }

    public async Task<WriteTarget> FindTargetAsync(string path, bool createDirs, CancellationToken cancellationToken)
    {
        var found = await StatAsync(path, cancellationToken);
        if (found.Kind == "noparent" && createDirs)
        {
            var directory = RemotePaths.Directory(path);
            var made = await RunAsync(ShellScripts.Launch("mkdir -p -- \"$1\"\n", directory), cancellationToken);
            if (made.ExitStatus != 0)
            {
                throw Failures.FileOperationFailed(directory, "create the directory", made.Stderr);
            }

            found = await StatAsync(path, cancellationToken);
        }

        return found.Kind switch
        {
            "file" => new WriteTarget(found.File.Path, found.File),
            "missing" when found.DirectoryWritable => new WriteTarget(found.File.Path, null),
            "missing" => throw Failures.FilePermissionDenied(RemotePaths.Directory(found.File.Path), "create files in", context.User),
            "dir" => throw Failures.IsDirectory(path),
            "other" => throw Failures.NotRegularFile(path),
            "denied" => throw Failures.FilePermissionDenied(RemotePaths.Directory(path), "enter", context.User),
            _ => throw Failures.DirectoryMissing(RemotePaths.Directory(path)),
        };
    }

    public async Task ReadAsync(RemoteFile file, long offset, long count, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink, CancellationToken cancellationToken)
    {
        for (long done = 0; done < count;)
        {
            var slice = (int)Math.Min(SliceBytes, count - done);
            using var output = new OutputCollector(slice);
            var launch = ShellScripts.Launch(ShellScripts.FileRead, Number(offset + done + 1), Number(slice), file.Path);
            using (var process = await context.Connection.StartAsync(launch.CommandLine, output, cancellationToken))
            {
                await process.WriteAsync(launch.Preamble, cancellationToken);
                await Bounded(Task.WhenAll(output.StdoutClosed, process.Exited), slice, file.Path, cancellationToken);
            }

            if (output.Length == 0)
            {
                if (output.Stderr.Length > 0)
                {
                    throw Failures.FileOperationFailed(file.Path, "read", output.Stderr);
                }

                return; // the file shrank while being read
            }

            await sink(output.Data, cancellationToken);
            done += output.Length;
            if (output.Length < slice)
            {
                return;
            }
        }
    }

    public async Task<WrittenFile> WriteAsync(WriteTarget target, WriteSpec spec, Stream source, TransferMeter meter, CancellationToken cancellationToken)
    {
        using var guard = await WriteGuard.StartAsync(context, target, spec, overStdin: true, cancellationToken);
        var (append, before) = (guard.Appends, guard.Before);
        try
        {
            try
            {
                await foreach (var chunk in SourceChunks.ReadAsync(source, spec.Length, WriteChunkBytes, meter, cancellationToken))
                {
                    await guard.WriteAsync(chunk, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is SshFailureException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The host stopped reading (it failed to create or write the file): its answer below says why.
            }

            var check = await guard.CheckAsync(sendCheck: false, spec.Length, cancellationToken);
            check.Verify(before + spec.Length, meter.Sha256(), target.Path);
            var owner = append || target.Existing is not { Uid: { } uid, Gid: { } gid } ? null : string.Create(CultureInfo.InvariantCulture, $"{uid}:{gid}");
            await guard.CommitAsync(spec.Mode ?? (append ? null : target.Existing?.Mode), owner, cancellationToken);
            var final = await StatAsync(target.Path, cancellationToken);
            return new WrittenFile(final.Kind == "file" ? final.File : new RemoteFile(target.Path, check.Size, spec.Mode ?? 0, null, null, null), check.FileSha256);
        }
        catch (Exception ex)
        {
            await guard.UndoAsync();
            if (ex is HostWriteException host)
            {
                throw Explain(host, target, spec, meter);
            }

            throw;
        }
    }

    private SshFailureException Explain(HostWriteException host, WriteTarget target, WriteSpec spec, TransferMeter meter)
    {
        var path = target.Path;
        var said = host.Stderr.Length > 0 ? host.Stderr : host.What;
        if (host.What == "create" && said.Contains("ermission denied", StringComparison.Ordinal))
        {
            return Failures.FilePermissionDenied(RemotePaths.Directory(path), "create files in", context.User);
        }

        return host.What switch
        {
            "create" or "write" => Failures.WriteFailed(path, meter.Done, spec.Length, said, null, host),
            var what when what.StartsWith("size ", StringComparison.Ordinal) => Failures.WriteFailed(path, meter.Done, spec.Length, $"the host holds {what[5..]} bytes", null, host),
            "owner" => Failures.OwnerNotKept(path, string.Create(CultureInfo.InvariantCulture, $"{target.Existing?.Uid}:{target.Existing?.Gid}")),
            "mode" => Failures.FileOperationFailed(path, "set the mode of", said, host),
            "rename" => Failures.FilePermissionDenied(path, "replace", context.User),
            "ended" => Failures.TransferInterrupted(path, context.Target, "the host's side of the write ended", !context.Connection.IsConnected, host),
            _ => Failures.FileOperationFailed(path, "write", said, host),
        };
    }

    private async Task<FileStatLine> StatAsync(string path, CancellationToken cancellationToken)
    {
        var result = await RunAsync(ShellScripts.Launch(ShellScripts.FileStat, path), cancellationToken);
        return FileStatLine.TryParse(result.Stdout) ?? throw Failures.FileOperationFailed(path, "look up", result.Stderr.Length > 0 ? result.Stderr : "no answer from file-stat");
    }

    private async Task<Transports.RemoteResult> RunAsync(ScriptLaunch launch, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Connection.RunAsync(launch.CommandLine, launch.Preamble, context.Options.RequestTimeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw Failures.TransferInterrupted("the file", context.Target, ex.Message, !context.Connection.IsConnected, ex);
        }
    }

    private async Task Bounded(Task task, int bytes, string path, CancellationToken cancellationToken)
    {
        var bound = context.Options.RequestTimeout + TimeSpan.FromSeconds(bytes / (1024.0 * 1024.0));
        try
        {
            await task.WaitAsync(bound, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw Failures.TransferInterrupted(path, context.Target, $"the host sent nothing for {bound.TotalSeconds:0} s", !context.Connection.IsConnected, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && task.IsFaulted)
        {
            throw Failures.TransferInterrupted(path, context.Target, "the channel closed", !context.Connection.IsConnected, ex);
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
