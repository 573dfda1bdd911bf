namespace SshMcp.Bench.Server;

/// <summary>
/// The environment the benchmark gives every server it starts: defaults everywhere, except room for the 100-session
/// memory runs (in total, and for the one principal the benchmark is), no default identity files, no ssh_config and a
/// host-key store inside the run's own directory. Each ssh_open names its transport (<see cref="SshTools"/>), so rows
/// mean the same whatever <c>auto</c> would pick. For experiments, <c>SSHMCP_BENCH_SERVER_ENV="NAME=value;NAME2=value2"</c>
/// adds variables to the servers' environment only (e.g. a runtime knob to compare), leaving the floors untouched.
/// </summary>
internal static class ServerSettings
{
    public const string ExtraVariable = "SSHMCP_BENCH_SERVER_ENV";

    public static Dictionary<string, string?> Environment(string runDirectory)
    {
        var environment = new Dictionary<string, string?>
        {
            ["SshMcp__MaxSessions"] = "256",
            ["SshMcp__MaxSessionsPerPrincipal"] = "256",
            ["SshMcp__KeyDirectory"] = Path.Combine(runDirectory, "no-keys"),
            ["SshMcp__AgentSocket"] = "none",
            // Nor the machine's ssh_config (ssh reads the passwd home's ~/.ssh/config for the openssh transport).
            ["SshMcp__SshConfigPath"] = "none",
            ["XDG_CONFIG_HOME"] = Path.Combine(runDirectory, "config"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var pair in (System.Environment.GetEnvironmentVariable(ExtraVariable) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                environment[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return environment;
    }
}
