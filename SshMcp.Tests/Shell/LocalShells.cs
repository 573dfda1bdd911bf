namespace SshMcp.Tests.Shell;

/// <summary>
/// The shells every script the server sends must run under: sh, dash, bash, zsh and busybox's ash (all Alpine has).
/// A missing one fails the test with what to install; none is ever skipped.
/// </summary>
public static class LocalShells
{
    public const string BusyboxAsh = "busybox ash";

    public static IReadOnlyList<string> Names { get; } = ["sh", "dash", "bash", "zsh", BusyboxAsh];

    private static readonly string[] SystemDirectories = ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"];

    /// <summary>The program to start as <paramref name="name"/>; busybox's ash runs from <paramref name="busybox"/> as <c>ash</c>.</summary>
    public static string PathOf(string name, BusyboxBin busybox)
    {
        ArgumentNullException.ThrowIfNull(busybox);
        return name switch
        {
            "sh" => "/bin/sh",
            BusyboxAsh => busybox.Ash,
            _ => Find(name),
        };
    }

    /// <summary>The full path of an installed program, or an exception saying to install it.</summary>
    public static string Find(string program)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var directory in directories.Concat(SystemDirectories))
        {
            var path = Path.Combine(directory, program);
            if (File.Exists(path) && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0)
            {
                return path;
            }
        }

        throw new InvalidOperationException(
            $"{program} is not installed. The shell tests run every script the server sends under sh, dash, bash, zsh and busybox ash, "
            + $"and none may be skipped: install it (Debian: apt-get install {program}; .ci/run installs it on CI).");
    }
}
