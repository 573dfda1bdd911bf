using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Options;
using SshMcp.Server.Sessions;
using SshMcp.Server.Shell;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Files;

/// <summary>
/// <c>ssh_read_file</c> and <c>ssh_write_file</c> above the backends: the path taken from the session's cwd as it is
/// when the call starts (a transfer runs on a channel of its own, beside any command in the shell), the bytes inline
/// or streamed to or from <see cref="LocalFiles"/>, hashing and progress on the way.
/// </summary>
internal sealed class FileTransfers(LocalFiles local, IOptions<SshMcpOptions> options, TimeProvider time, ILogger<FileTransfers> logger)
{
    private const int LocalBufferBytes = 64 * 1024;

    private readonly SshMcpOptions _options = options.Value;

    /// <summary>What a read returns inline when it names no maxBytes: as much as ssh_exec keeps of a stream.</summary>
    public int DefaultInlineBytes => _options.MaxOutputBytes;

    public int MaxInlineBytes => _options.Files.MaxInlineBytes;

    public async Task<ReadFileOutcome> ReadAsync(SshSession session, ReadFileRequest request, IProgress<TransferStatus>? progress, CancellationToken cancellationToken)
    {
        var destination = request.LocalPath is null ? null : local.ResolveDestination(request.LocalPath);
        var started = time.GetTimestamp();
        var backend = await session.Files.BackendAsync(cancellationToken);
        var file = await backend.FindFileAsync(RemotePaths.Resolve(session.Cwd, request.Path), cancellationToken);
        if (request.Offset > file.Size)
        {
            throw Failures.OffsetPastEnd(file.Path, request.Offset, file.Size);
        }

        var limit = destination is null ? Math.Min(request.MaxBytes ?? DefaultInlineBytes, MaxInlineBytes) : request.MaxBytes ?? long.MaxValue;
        var count = Math.Min(file.Size - request.Offset, limit);
        using var meter = new TransferMeter(count, progress, time);
        var outcome = destination is null
            ? await ReadInlineAsync(backend, file, request, (int)count, meter, cancellationToken)
            : await ReadToLocalAsync(backend, file, request, destination, count, meter, cancellationToken);
        meter.Finish();
        FilesLog.FileRead(logger, session.LogRef, outcome.Bytes, backend.Via, (long)time.GetElapsedTime(started).TotalMilliseconds);
        var capped = request.MaxBytes > MaxInlineBytes && destination is null ? $"maxBytes was capped at {MaxInlineBytes}. " : "";
        var more = outcome.NextOffset is { } next && destination is null
            ? $"{capped}This is bytes {request.Offset}-{next - 1} of {file.Size}: pass offset {next} for more, or localPath to copy the file whole."
            : null;
        return outcome with { Notice = Notices(backend, more) };
    }

    public async Task<WriteFileOutcome> WriteAsync(SshSession session, WriteFileRequest request, IProgress<TransferStatus>? progress, CancellationToken cancellationToken)
    {
        var sourcePath = request.LocalPath is null ? null : local.ResolveSource(request.LocalPath);
        var started = time.GetTimestamp();
        await using var source = Open(request, sourcePath);
        var length = source.Length;
        var backend = await session.Files.BackendAsync(cancellationToken);
        var target = await backend.FindTargetAsync(RemotePaths.Resolve(session.Cwd, request.Path), request.CreateDirs, cancellationToken);
        using var meter = new TransferMeter(length, progress, time);
        WrittenFile written;
        try
        {
            written = await backend.WriteAsync(target, new WriteSpec(length, request.Mode, request.Append), source, meter, cancellationToken);
        }
        catch (LocalSourceChangedException)
        {
            throw Failures.LocalFileChanged(request.LocalPath ?? "content");
        }
        catch (IOException ex) when (sourcePath is not null)
        {
            throw Failures.LocalIoFailed(request.LocalPath!, ex.Message, ex);
        }

        meter.Finish();
        FilesLog.FileWritten(logger, session.LogRef, length, backend.Via, (long)time.GetElapsedTime(started).TotalMilliseconds);
        var verified = written.HostSha256 is not null;
        return new WriteFileOutcome(
            written.File.Path,
            written.File.Size,
            written.File.Mode,
            length,
            written.HostSha256 ?? meter.Sha256(),
            verified,
            target.Existing is null,
            backend.Via,
            Notices(backend, verified ? null : Failures.UnverifiedNotice));
    }

    private static async Task<ReadFileOutcome> ReadInlineAsync(IFileBackend backend, RemoteFile file, ReadFileRequest request, int count, TransferMeter meter, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var filled = 0;
        await backend.ReadAsync(file, request.Offset, count, (data, _) =>
        {
            var room = Math.Min(data.Length, buffer.Length - filled);
            data.Span[..room].CopyTo(buffer.AsSpan(filled));
            filled += room;
            meter.Add(data.Span[..room]);
            return ValueTask.CompletedTask;
        }, cancellationToken);

        var kept = filled;
        if (request.Text && request.Offset + filled < file.Size && Utf8Boundary.TrimIncompleteEnd(buffer.AsSpan(0, filled)) is > 0 and var whole)
        {
            kept = whole; // a character cut by the slice's end starts the next slice instead
        }

        var content = buffer.AsSpan(0, kept).ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var end = request.Offset + kept;
        return new ReadFileOutcome(
            file.Path, file.Size, file.Mode, file.Modified, request.Offset, kept, content, sha256,
            request.Offset == 0 && kept == file.Size ? sha256 : null,
            end < file.Size ? end : null,
            null, backend.Via, null);
    }

    private static async Task<ReadFileOutcome> ReadToLocalAsync(
        IFileBackend backend, RemoteFile file, ReadFileRequest request, string destination, long count, TransferMeter meter, CancellationToken cancellationToken)
    {
        // Into a temp file beside the destination, renamed at the end: a failed or cancelled copy leaves nothing half-written.
        var temp = Runs.LocalOutputFile.TempPathBeside(destination);
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, LocalBufferBytes, FileOptions.Asynchronous))
            {
                await backend.ReadAsync(file, request.Offset, count, async (data, token) =>
                {
                    meter.Add(data.Span);
                    await output.WriteAsync(data, token);
                }, cancellationToken);
                await output.FlushAsync(cancellationToken);
            }

            File.Move(temp, destination, overwrite: true);
        }
        catch (Exception ex)
        {
            File.Delete(temp);
            if (ex is IOException or UnauthorizedAccessException)
            {
                throw Failures.LocalIoFailed(request.LocalPath!, ex.Message, ex);
            }

            throw;
        }

        var sha256 = meter.Sha256();
        var end = request.Offset + meter.Done;
        return new ReadFileOutcome(
            file.Path, file.Size, file.Mode, file.Modified, request.Offset, meter.Done, null, sha256,
            request.Offset == 0 && meter.Done == file.Size ? sha256 : null,
            end < file.Size ? end : null,
            destination, backend.Via, null);
    }

    private static Stream Open(WriteFileRequest request, string? sourcePath)
    {
        if (sourcePath is null)
        {
            return new MemoryStream(request.Content ?? [], writable: false);
        }

        try
        {
            return new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, LocalBufferBytes, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failures.LocalIoFailed(request.LocalPath!, ex.Message, ex);
        }
    }

    private static string? Notices(IFileBackend backend, string? extra)
    {
        var via = backend.Via == "exec" ? Failures.ExecTransferNotice : null;
        return via is null ? extra : extra is null ? via : via + " " + extra;
    }
}
