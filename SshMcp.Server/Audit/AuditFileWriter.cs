using Microsoft.Extensions.Options;

namespace SshMcp.Server.Audit;

/// <summary>
/// The audit file: one writer, one line per write, appended (O_APPEND) and flushed before the write returns, fsynced
/// when configured. A new file is created 0600 in a directory created 0700; an existing file's mode is never
/// changed. Before a line would take the file past <see cref="AuditOptions.MaxBytes"/> it is rotated to
/// <c>.1</c> (older ones shift up, the oldest beyond <see cref="AuditOptions.MaxFiles"/> is deleted). After a failure
/// the file is reopened on the next write, so a fixed disk or directory heals without a restart.
/// </summary>
internal sealed class AuditFileWriter(IOptions<AuditOptions> options) : IDisposable
{
    private static readonly TimeSpan LockBound = TimeSpan.FromSeconds(10);
    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly AuditOptions _options = options.Value;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private FileStream? _file;
    private long _length;

    /// <exception cref="IOException">The line could not be written (also for a lock not had within its bound).</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its directory may not be written.</exception>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> line)
    {
        if (!await _lock.WaitAsync(LockBound))
        {
            throw new IOException($"the audit file was busy for more than {LockBound.TotalSeconds:0} s");
        }

        try
        {
            var file = _file ?? Open();
            if (_length > 0 && _length + line.Length > _options.MaxBytes)
            {
                Rotate();
                file = Open();
            }

            file.Write(line.Span);
            file.Flush(flushToDisk: _options.Fsync);
            _length += line.Length;
        }
        catch
        {
            Close();
            throw;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        Close();
        _lock.Dispose();
    }

    private FileStream Open()
    {
        var path = System.IO.Path.GetFullPath(_options.Path!);
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var windows = OperatingSystem.IsWindows();
        if (!Directory.Exists(directory))
        {
            if (windows)
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, DirectoryMode0700);
            }
        }

        var open = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = 0 };
        if (!windows)
        {
            open.UnixCreateMode = FileMode0600;
        }

        _file = new FileStream(path, open);
        _length = _file.Length;
        return _file;
    }

    private void Rotate()
    {
        Close();
        var path = System.IO.Path.GetFullPath(_options.Path!);
        File.Delete($"{path}.{_options.MaxFiles}");
        for (var i = _options.MaxFiles - 1; i >= 1; i--)
        {
            if (File.Exists($"{path}.{i}"))
            {
                File.Move($"{path}.{i}", $"{path}.{i + 1}", overwrite: true);
            }
        }

        File.Move(path, $"{path}.1", overwrite: true);
    }

    private void Close()
    {
        _file?.Dispose();
        _file = null;
    }
}
