namespace SshMcp.Tests.Infrastructure;

/// <summary>Finds the files a secret could leak into: those under a directory tree that are not inside an owner-only (0700) directory.</summary>
public static class PrivateDirectoryScan
{
    private const long MaxFileBytes = 1024 * 1024;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// The text of each non-empty file under <paramref name="root"/> written since <paramref name="since"/>, skipping owner-only
    /// directories (a FIFO or a socket has no length, so none is opened).
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> FilesOutsidePrivateDirectories(string root, DateTime since)
    {
        var found = new List<(string, string)>();
        Walk(new DirectoryInfo(root), since, found);
        return found;
    }

    private static void Walk(DirectoryInfo directory, DateTime since, List<(string, string)> found)
    {
        if (directory.LinkTarget is not null || (directory.UnixFileMode & GroupOrOther) == 0)
        {
            return; // a link is not followed; an owner-only directory may hold secrets
        }

        try
        {
            foreach (var file in directory.EnumerateFiles())
            {
                if (file.LinkTarget is null && file.LastWriteTimeUtc >= since && file.Length is > 0 and <= MaxFileBytes && TryRead(file) is { } text)
                {
                    found.Add((file.FullName, text));
                }
            }

            foreach (var child in directory.EnumerateDirectories())
            {
                Walk(child, since, found);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Removed meanwhile, or another user's: nothing the server wrote.
        }
    }

    private static string? TryRead(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
