namespace SshMcp.Server.Ssh.Config;

/// <summary>Finds the OpenSSH client: the first executable <c>ssh</c> on PATH.</summary>
internal static class SshProgram
{
    public static string? Find(string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("PATH");
        foreach (var directory in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "ssh");
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
