using Microsoft.Extensions.Options;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Files;

/// <summary>
/// Where <c>localPath</c> may touch this server's disk: inside <see cref="FilesOptions.LocalRoot"/> only. A path is made
/// canonical before it is checked (every symbolic link of it resolved, <c>..</c> applied after), and the canonical
/// path is what is then opened, so neither a link nor <c>..</c> leads out of the root.
/// </summary>
internal sealed class LocalFiles(IOptions<SshMcpOptions> options)
{
    private readonly string? _root = Configured(options.Value.Files.LocalRoot);

    /// <summary>An existing regular file under the root, to upload.</summary>
    public string ResolveSource(string localPath)
    {
        var path = Confine(localPath);
        if (Directory.Exists(path))
        {
            throw Failures.LocalPathIsDirectory(localPath);
        }

        return File.Exists(path) ? path : throw Failures.LocalFileMissing(localPath);
    }

    /// <summary>A path under the root whose directory exists, to download to (an existing file there is replaced).</summary>
    public string ResolveDestination(string localPath)
    {
        var path = Confine(localPath);
        if (Directory.Exists(path))
        {
            throw Failures.LocalPathIsDirectory(localPath);
        }

        return Directory.Exists(Path.GetDirectoryName(path)) ? path : throw Failures.LocalDirectoryMissing(localPath);
    }

    private string Confine(string localPath)
    {
        if (_root is null)
        {
            throw Failures.LocalPathDisabled();
        }

        var root = CanonicalPath.Of(_root);
        var path = CanonicalPath.Of(Path.IsPathRooted(localPath) ? localPath : Path.Combine(root, localPath));
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var inside = path.Equals(root, comparison)
            || path.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, comparison);
        return inside ? path : throw Failures.LocalPathOutsideRoot(localPath, root);
    }

    private static string? Configured(string? root) =>
        string.IsNullOrWhiteSpace(root) || root.Trim() == FilesOptions.Disabled ? null : root.Trim();
}
