namespace SshMcp.Tests.Shell;

/// <summary>
/// A directory of busybox applets (symlinks, as Alpine's /bin has them): <c>ash</c>, the shell, and the tools the
/// server's scripts call: the stop and run scripts (not setsid, which a trimmed busybox may lack) and the file scripts
/// for hosts without SFTP. As PATH, it is the userland of a host with nothing but busybox. Made on first use, world-readable
/// (a test user's login shell may be its <c>ash</c>), and deleted with the fixture.
/// </summary>
public sealed class BusyboxBin : IDisposable
{
    private static readonly string[] Applets =
    [
        "ash", "ps", "awk", "grep", "sleep", "cat", "dd", "head", "tail", "wc", "tr", "cut",
        "sed", "sha256sum", "sync", "mv", "chmod", "chown", "rm", "truncate", "readlink", "stat", "mkdir", "id", "ls", "date", "find", "touch",
    ];

    private readonly Lazy<string> _directory = new(Create);

    public string Directory => _directory.Value;

    public string Ash => Path.Combine(Directory, "ash");

    /// <summary>Starts <paramref name="shellPath"/> with every stream redirected, on <paramref name="userland"/>'s PATH.</summary>
    public System.Diagnostics.Process StartShell(string shellPath, IEnumerable<string> arguments, Userland userland)
    {
        var start = new System.Diagnostics.ProcessStartInfo(shellPath, arguments)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (userland == Userland.Busybox)
        {
            start.Environment["PATH"] = Directory;
        }

        return System.Diagnostics.Process.Start(start)!;
    }

    public void Dispose()
    {
        if (_directory.IsValueCreated)
        {
            System.IO.Directory.Delete(_directory.Value, recursive: true);
        }
    }

    private static string Create()
    {
        var busybox = LocalShells.Find("busybox");
        var directory = System.IO.Directory.CreateTempSubdirectory("sshmcp-busybox-").FullName;
        File.SetUnixFileMode(
            directory,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var applet in Applets)
        {
            File.CreateSymbolicLink(Path.Combine(directory, applet), busybox);
        }

        return directory;
    }
}
