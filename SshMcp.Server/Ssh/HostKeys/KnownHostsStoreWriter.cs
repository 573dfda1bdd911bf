using System.Text;

namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>
/// Writes the server's known_hosts store so that a reader never sees half a file: the new content goes to a
/// temporary file in the same directory (mode 0600 from creation), is flushed to disk, then renamed over the
/// store. A directory we create is 0700. Callers serialise writers; this class holds no state.
/// </summary>
internal static class KnownHostsStoreWriter
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The store's text, or empty when it does not exist yet.</summary>
    public static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return string.Empty;
        }
    }

    /// <summary>Replaces the store with <paramref name="existing"/> plus <paramref name="line"/>, keeping every existing line.</summary>
    public static void Append(string path, string existing, string line)
    {
        var separator = existing.Length == 0 || existing.EndsWith('\n') ? string.Empty : "\n";
        WriteAtomically(path, existing + separator + line + "\n");
    }

    private static void WriteAtomically(string path, string content)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? throw new IOException($"{fullPath} has no directory.");
        CreateDirectory(directory);

        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFile;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Utf8NoBom.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, OwnerOnlyFile); // the umask cannot widen it, but say it explicitly
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Keep the original failure; a stray temporary file is harmless and named as ours.
        }
    }

    private static void CreateDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
    }
}
