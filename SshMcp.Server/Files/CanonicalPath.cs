namespace SshMcp.Server.Files;

/// <summary>
/// A local path with every symbolic link resolved, walking it one component at a time as the kernel does (so
/// <c>link/..</c> is the link target's parent, not the link's). Components that do not exist are kept as written.
/// </summary>
internal static class CanonicalPath
{
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        // Not Path.GetFullPath: it applies ".." to the text first, before the links it passes are known.
        var full = Path.IsPathFullyQualified(path) ? path : Path.Join(Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>(Components(full[root.Length..]).Reverse());
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Join(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"too many symbolic links in {path}");
                }

                foreach (var component in Components(target).Reverse())
                {
                    pending.Push(component);
                }

                if (Path.IsPathRooted(target))
                {
                    current = Path.GetPathRoot(target) ?? root;
                }

                continue;
            }

            current = next;
        }

        return current;
    }

    private static string[] Components(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
