using System.Runtime.InteropServices;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The private directory of one OpenSSH session, created by mkdtemp (mode 0700, so only this user reaches anything in
/// it): the master's control socket, the generated ssh_config, the helper ssh runs as SSH_ASKPASS and
/// KnownHostsCommand with its two FIFOs, and an inline key while the master logs in. <see cref="Dispose"/> removes it
/// whole, on every path: close, a failed connect, server stop, a master that died.
/// </summary>
internal sealed class SessionDirectory : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    private int _disposed;

    private SessionDirectory(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>The master's ControlPath. Short on purpose: a Unix socket path has about 100 bytes, and ssh adds 17 while it binds.</summary>
    public string ControlSocket => Combine("c");

    public string ConfigFile => Combine("config");

    /// <summary>The helper script (SSH_ASKPASS and KnownHostsCommand).</summary>
    public string Helper => Combine("h");

    /// <summary>The target's one known key, for ssh to read instead of asking the helper (see <see cref="KnownTargetKey"/>).</summary>
    public string KnownHosts => Combine("known_hosts");

    /// <summary>The FIFO the helper writes its request to.</summary>
    public string RequestFifo => Combine("q");

    /// <summary>The FIFO the helper reads the answer from.</summary>
    public string AnswerFifo => Combine("a");

    public bool Exists => Directory.Exists(Path);

    public static SessionDirectory Create() => new(Directory.CreateTempSubdirectory("sshmcp-").FullName);

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a file readable by this user only (0600, or 0700 for a script), from its creation on.</summary>
    public void WriteFile(string path, ReadOnlySpan<byte> content, bool executable = false)
    {
        RequireInside(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = executable ? OwnerAll : OwnerReadWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
    }

    /// <summary>Makes a FIFO readable and writable by this user only.</summary>
    public void MakeFifo(string path)
    {
        RequireInside(path);
        if (!Native.MakeFifo(path, OwnerReadWrite))
        {
            throw new IOException($"mkfifo {path} failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Removes a file now (an inline key once the master is up); a file already gone is fine.</summary>
    public static void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Dispose removes the directory with it.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still being written by a dying ssh: try once more, then leave it to the temp directory's cleaner.
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>Secrets are written here only: a path elsewhere is a bug.</summary>
    private void RequireInside(string path)
    {
        if (!string.Equals(System.IO.Path.GetDirectoryName(path), Path, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{path} is not in the session's private directory.", nameof(path));
        }
    }
}
