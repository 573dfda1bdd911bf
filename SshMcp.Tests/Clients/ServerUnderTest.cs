using System.Text.Json;
using SshMcp.Tests.Infrastructure;
using SshMcp.Tests.Packaging;

namespace SshMcp.Tests.Clients;

/// <summary>
/// The server a Node client talks to: over stdio the built server (<c>dotnet SshMcp.Server.dll --stdio</c>, started
/// by the client), over HTTP the real HTTP server in this process on a free loopback port. Either way it gets a
/// home of its own (0700, deleted at the end): no keys, known_hosts or host key store of the machine's user.
/// </summary>
internal sealed class ServerUnderTest : IAsyncDisposable
{
    public const string Stdio = "stdio";
    public const string Http = "http";

    private readonly HttpServerHarness? _http;

    private readonly IReadOnlyList<string> _stdioSettings;

    private ServerUnderTest(string transport, string home, HttpServerHarness? http, string? token, IReadOnlyList<string> stdioSettings)
    {
        Transport = transport;
        Home = home;
        _http = http;
        Token = token;
        _stdioSettings = stdioSettings;
    }

    /// <summary>The in-process HTTP server's log lines (at Trace); over stdio the server logs to the driver's stderr.</summary>
    public CapturingLoggerProvider? HttpLogs => _http?.Logs;

    public string Transport { get; }

    public string Home { get; }

    /// <summary>The bearer token the HTTP server requires, or null.</summary>
    public string? Token { get; }

    public Uri McpEndpoint => _http?.McpEndpoint ?? throw new InvalidOperationException("A stdio server has no URL.");

    /// <summary>The stdio server's command line, as a client starts it.</summary>
    public IReadOnlyList<string> StdioCommand =>
        [DotnetCli.Executable, BuildInfo.BuiltServerDll, "--stdio", "--SshMcp:KnownHostsPath=", $"--SshMcp:HostKeyStorePath={HostKeyStore}", .. _stdioSettings];

    /// <summary>The stdio server's environment: its home, nothing of the machine's user (keys, ssh-agent).</summary>
    public IReadOnlyDictionary<string, string?> StdioEnvironment => new Dictionary<string, string?>
    {
        ["HOME"] = Home,
        ["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config"),
        ["SshMcp__KeyDirectory"] = Path.Combine(Home, ".ssh"),
        ["SshMcp__AgentSocket"] = "none",
        // ssh reads the passwd home's ~/.ssh/config whatever HOME says: keep the runner's out.
        ["SshMcp__SshConfigPath"] = "none",
    };

    /// <summary>The driver's target arguments.</summary>
    public IReadOnlyList<string> DriverTarget => Transport == Stdio ? ["--stdio", .. StdioCommand] : ["--http", McpEndpoint.ToString()];

    /// <summary>The driver's environment: the stdio server's, or the bearer token (never on a command line).</summary>
    public IReadOnlyDictionary<string, string?> DriverEnvironment =>
        Transport == Stdio ? StdioEnvironment : new Dictionary<string, string?> { ["HOME"] = Home, ["SSHMCP_AUTH_TOKEN"] = Token };

    private string HostKeyStore => Path.Combine(Home, "known_hosts");

    /// <param name="transport"><see cref="Stdio"/> or <see cref="Http"/>.</param>
    /// <param name="withToken">Over HTTP, require <see cref="HttpServerHarness.Token"/> (as a deployed server would).</param>
    /// <param name="settings">More configuration (<c>SshMcp:Elicitation:TimeoutSeconds</c>, a log level), either way.</param>
    public static async Task<ServerUnderTest> StartAsync(string transport, bool withToken = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var home = Path.Combine(Path.GetTempPath(), $"sshmcp-clients-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        settings ??= new Dictionary<string, string>();
        if (transport == Stdio)
        {
            return new ServerUnderTest(transport, home, null, null, [.. settings.Select(s => $"--{s.Key}={s.Value}")]);
        }

        try
        {
            var configuration = new Dictionary<string, string?>
            {
                ["SshMcp:KnownHostsPath"] = "",
                ["SshMcp:HostKeyStorePath"] = Path.Combine(home, "known_hosts"),
                ["SshMcp:Http:AuthToken"] = withToken ? HttpServerHarness.Token : null,
            };
            foreach (var (key, value) in settings)
            {
                configuration[key] = value;
            }

            var http = await HttpServerHarness.StartAsync(configuration);
            return new ServerUnderTest(transport, home, http, withToken ? HttpServerHarness.Token : null, []);
        }
        catch
        {
            Directory.Delete(home, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Writes an mcp.json (the Inspector's config format) naming this server <paramref name="name"/>, inside the 0700
    /// home: the bearer token goes there, never on a command line. Returns its path.
    /// </summary>
    public async Task<string> WriteMcpConfigAsync(string name)
    {
        object entry = Transport == Stdio
            ? new { command = StdioCommand[0], args = StdioCommand.Skip(1), env = StdioEnvironment }
            : new { type = "http", url = McpEndpoint.ToString(), headers = Token is null ? new Dictionary<string, string>() : new() { ["Authorization"] = "Bearer " + Token } };
        var path = Path.Combine(Home, "mcp.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { mcpServers = new Dictionary<string, object> { [name] = entry } }));
        return path;
    }

    /// <param name="elicitUrl">The client declares URL-mode elicitation and plays the person (see <see cref="TypeScriptClient.PlanAsync"/>).</param>
    /// <param name="wholeStderr">Keep all of stderr (a stdio server's log) rather than its last part.</param>
    public Task<TypeScriptClient> StartClientAsync(string kind, bool elicitUrl = false, bool wholeStderr = false) =>
        TypeScriptClient.StartAsync(kind, elicitUrl ? ["--elicit-url", .. DriverTarget] : DriverTarget, DriverEnvironment, wholeStderr ? int.MaxValue : 64 * 1024);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_http is not null)
            {
                await _http.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(Home, recursive: true);
        }
    }
}
