namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>Where known host keys come from and how strictly they are checked.</summary>
public sealed class HostKeyOptions
{
    /// <summary>The policy; <see cref="HostKeyPolicy.AcceptNew"/> by default.</summary>
    public HostKeyPolicy Policy { get; set; } = HostKeyPolicy.AcceptNew;

    /// <summary>The user's OpenSSH known_hosts file, read only. Null or empty: not read. Default <c>~/.ssh/known_hosts</c>.</summary>
    public string? UserKnownHostsPath { get; set; } = Path.Combine(UserHome(), ".ssh", "known_hosts");

    /// <summary>
    /// The server's own known_hosts file, where hosts trusted on first use are recorded in OpenSSH format.
    /// Default <c>$XDG_CONFIG_HOME/sshmcp/known_hosts</c>, or <c>~/.config/sshmcp/known_hosts</c>.
    /// </summary>
    public string StorePath { get; set; } =
        DefaultStorePath(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME"), UserHome());

    /// <summary>The store location for the given environment. A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.</summary>
    internal static string DefaultStorePath(string? xdgConfigHome, string home)
    {
        var configHome = !string.IsNullOrEmpty(xdgConfigHome) && Path.IsPathRooted(xdgConfigHome)
            ? xdgConfigHome
            : Path.Combine(home, ".config");
        return Path.Combine(configHome, "sshmcp", "known_hosts");
    }

    /// <summary>Expands a leading <c>~/</c> (as written in configuration files) to the user's home directory.</summary>
    internal static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(UserHome(), path.Length > 2 ? path[2..] : string.Empty)
            : path;

    private static string UserHome() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
