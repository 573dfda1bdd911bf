namespace SshMcp.Tests.Shell;

/// <summary>
/// A directory of busybox applets (symlinks, as Alpine's /bin has them): <c>ash</c>, the shell, and the tools the stop
/// and run scripts call (not setsid, which a trimmed busybox may lack). As PATH, it is the userland of a host with
/// nothing but busybox. Made on first use, world-readable
/// (a test user's login shell may be its <c>ash</c>), and deleted with the fixture.
/// </summary>
public sealed class BusyboxBin : IDisposable
{
    private static readonly string[] Applets =
        ["ash", "ps", "awk", "grep", "sleep", "cat", "id", "ls", "stat", "date", "find", "tail", "head", "rm", "mv", "mkdir", "touch"];

    private readonly Lazy<string> _directory = new(Create);

    public string Directory => _directory.Value;

    public string Ash => Path.Combine(Directory, "ash");

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
