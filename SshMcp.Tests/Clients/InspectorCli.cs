using System.Text.Json;
using SshMcp.Tests.Packaging;

namespace SshMcp.Tests.Clients;

/// <summary>
/// The MCP Inspector's command-line clients, run with Node 22 in a home of their own (so nothing of the machine's
/// user is read or written): <c>mcp-inspector --cli</c>, one MCP connection and one method per invocation, and
/// <c>mcpdo</c>, which holds a connection in a daemon across invocations.
/// </summary>
internal sealed class InspectorCli(string home)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);

    private static string Launcher => NodeClients.PackageFile("@modelcontextprotocol/inspector", "clients/launcher/build/index.js");

    private static string Mcpdo => NodeClients.PackageFile("@modelcontextprotocol/inspector", "clients/mcpdo/build/mcp-bin.js");

    /// <summary>mcpdo's private daemon (its directory and token), set by <see cref="StartPrivateDaemonAsync"/>.</summary>
    private readonly Dictionary<string, string?> _daemon = [];

    /// <summary><c>mcp-inspector --cli --config … --server … --format json -q</c> plus <paramref name="arguments"/>; the parsed stdout.</summary>
    public async Task<JsonElement> CliAsync(string config, string server, params string[] arguments)
    {
        var run = await RunAsync(Launcher, ["--cli", "--config", config, "--server", server, "--format", "json", "-q", .. arguments]);
        return Parse(run);
    }

    /// <summary>Starts a daemon only this object's mcpdo commands use (<c>mcpdo private</c>), so the test never shares one.</summary>
    public async Task StartPrivateDaemonAsync()
    {
        var exports = (await RunAsync(Mcpdo, ["private"])).ThrowUnlessExitCodeIn(0).StandardOutput;
        foreach (var line in exports.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // export NAME='value'
            var (name, value) = (line["export ".Length..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            _daemon[name] = value.Trim('\'');
        }
    }

    /// <summary><c>mcpdo</c> with <paramref name="arguments"/> and <c>--format json</c>; the parsed stdout.</summary>
    public async Task<JsonElement> McpdoAsync(params string[] arguments) => Parse(await RunAsync(Mcpdo, [.. arguments, "--format", "json"]));

    /// <summary>Stops the private daemon (and the servers it holds); kills it by PID if it outlives the stop.</summary>
    public async Task StopDaemonAsync()
    {
        if (_daemon.Count == 0)
        {
            return;
        }

        var status = await RunAsync(Mcpdo, ["daemon", "status", "--format", "json"]);
        await RunAsync(Mcpdo, ["daemon", "stop"]);
        if (status.ExitCode == 0 && JsonDocument.Parse(status.StandardOutput).RootElement.TryGetProperty("pid", out var pid) && pid.ValueKind == JsonValueKind.Number)
        {
            var stopped = await Poll.UntilAsync(_ => Task.FromResult(!Directory.Exists($"/proc/{pid.GetInt32()}") || IsZombie(pid.GetInt32())), StopBound, CancellationToken.None);
            if (!stopped)
            {
                Kill(pid.GetInt32());
            }
        }

        if (_daemon.TryGetValue("MCP_INSPECTOR_DAEMON_DIR", out var directory) && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }

    private static bool IsZombie(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');

    private static JsonElement Parse(LocalCommandResult run)
    {
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"exit code {run.ExitCode}: {run.StandardError.Trim()} {run.StandardOutput.Trim()}");
        }

        using var document = JsonDocument.Parse(run.StandardOutput);
        return document.RootElement.Clone();
    }

    private Task<LocalCommandResult> RunAsync(string script, IEnumerable<string> arguments)
    {
        var environment = new Dictionary<string, string?>(_daemon)
        {
            ["HOME"] = home,
            // Secrets (OAuth tokens; none here) in a file under the temp home instead of a keychain that is not there.
            ["MCP_INSPECTOR_SECRET_STORE"] = "file",
        };
        return DotnetCli.RunProgramAsync(NodeClients.Node, [script, .. arguments], Bound, CancellationToken.None, environment);
    }
}
