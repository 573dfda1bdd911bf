namespace SshMcp.Bench.Server;

/// <summary>
/// The environment the benchmark gives every server it starts: defaults everywhere, except room for the 100-session
/// memory run, no default identity files and a host-key store inside the run's own directory.
/// </summary>
internal static class ServerSettings
{
    public static Dictionary<string, string?> Environment(string runDirectory) => new()
    {
        ["SshMcp__MaxSessions"] = "256",
        ["SshMcp__KeyDirectory"] = Path.Combine(runDirectory, "no-keys"),
        ["XDG_CONFIG_HOME"] = Path.Combine(runDirectory, "config"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };
}
