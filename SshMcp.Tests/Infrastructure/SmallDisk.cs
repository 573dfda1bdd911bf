using System.Globalization;

namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// A tiny tmpfs mounted in /tmp, open to every user (mode 1777): a disk that fills up half-way through a write, as a
/// full disk on a host does (the write fails with ENOSPC). Needs root and mount(8), as the sshd fixture needs root.
/// </summary>
internal sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static async Task<SmallDisk> MountAsync(long bytes, CancellationToken cancellationToken)
    {
        var path = Directory.CreateTempSubdirectory("sshmcp-small-disk-").FullName;
        var mount = await LocalCommand.RunAsync(
            "mount", ["-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={bytes},mode=1777"), "tmpfs", path], cancellationToken);
        if (mount.ExitCode != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"Could not mount a tmpfs at {path} (the full-disk test needs root and mount): {mount.StandardError.Trim()}");
        }

        return new SmallDisk(path);
    }

    public async ValueTask DisposeAsync()
    {
        // A session's process may still hold a file there for a moment: lazy unmount detaches it at once.
        await LocalCommand.RunAsync("umount", ["-l", Path], CancellationToken.None);
        Directory.Delete(Path);
    }
}
