namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// A file ssh reads first (Include reaches the others): with <c>-F</c> only that file (none for <c>-F none</c>),
/// else the account's <c>~/.ssh/config</c> (from the password database, not <c>$HOME</c>), then the system file.
/// </summary>
internal sealed record TopLevelConfigFile(string Path, ConfigReader.Scope Scope, bool Required)
{
    /// <param name="configPath">Like ssh's <c>-F</c>; null for the user's and the system's files.</param>
    public static List<TopLevelConfigFile> For(string? configPath, LocalAccount account, string systemConfigPath)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (configPath is not null)
        {
            return configPath.Equals("none", StringComparison.OrdinalIgnoreCase)
                ? []
                : [new(configPath, ConfigReader.Scope.User, Required: true)];
        }

        return
        [
            new(System.IO.Path.Join(account.Home, ".ssh", "config"), ConfigReader.Scope.User | ConfigReader.Scope.CheckPermissions, Required: false),
            new(systemConfigPath, ConfigReader.Scope.System, Required: false),
        ];
    }
}
