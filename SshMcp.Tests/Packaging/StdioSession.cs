using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Packaging;

/// <summary>
/// The real MCP client talking over stdio to a server process it starts itself, as Claude Code or VS Code would:
/// <see cref="StdioClientTransport"/>. Records every line the client read from the server's stdout (from the
/// transport's own Trace log) and the server's stderr, so tests can check that stdout carried only the protocol.
/// The server gets a temp home directory: no keys or known_hosts of the machine's user.
/// </summary>
internal sealed class StdioSession : IAsyncDisposable
{
    public static readonly TimeSpan CallBound = TimeSpan.FromSeconds(60);

    private readonly ILoggerFactory _loggerFactory;
    private readonly string _home;

    private StdioSession(McpClient client, ILoggerFactory loggerFactory, StdoutRecorder stdout, BoundedLog stderr, string home)
    {
        Client = client;
        _loggerFactory = loggerFactory;
        Stdout = stdout;
        Stderr = stderr;
        _home = home;
    }

    public McpClient Client { get; }

    /// <summary>What the server wrote on stdout, line by line, as the client read it.</summary>
    public StdoutRecorder Stdout { get; }

    /// <summary>What the server wrote on stderr (its logs).</summary>
    public BoundedLog Stderr { get; }

    public static async Task<StdioSession> StartAsync(string command, IReadOnlyList<string> arguments)
    {
        var home = Path.Combine(Path.GetTempPath(), $"sshmcp-home-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home);
        var stdout = new StdoutRecorder();
        var stderr = new BoundedLog(256 * 1024);
        var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(stdout));
        try
        {
            var environment = new Dictionary<string, string?>
            {
                ["HOME"] = home,
                ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
                ["SshMcp__KeyDirectory"] = Path.Combine(home, ".ssh"),
                ["SshMcp__AgentSocket"] = "none",
                // ssh reads the passwd home's ~/.ssh/config whatever HOME says: keep the runner's out.
                ["SshMcp__SshConfigPath"] = "none",
            };
            var transport = new StdioClientTransport(
                new StdioClientTransportOptions
                {
                    Name = "sshmcp-under-test",
                    Command = command,
                    Arguments = [.. arguments],
                    EnvironmentVariables = environment,
                    StandardErrorLines = stderr.Append,
                },
                loggerFactory);
            var client = await McpClient.CreateAsync(
                transport,
                new McpClientOptions { ClientInfo = new() { Name = "packaging-tests", Version = "1.0" } },
                loggerFactory).WaitAsync(CallBound);
            return new StdioSession(client, loggerFactory, stdout, stderr, home);
        }
        catch
        {
            loggerFactory.Dispose();
            Directory.Delete(home, recursive: true);
            throw;
        }
    }

    public Task<OpenResult> OpenAsync(SshdFixture sshd) =>
        CallAsync<OpenResult>(ToolNames.Open, new Dictionary<string, object?>
        {
            ["host"] = sshd.Host,
            ["port"] = sshd.Port,
            ["username"] = sshd.Username,
            ["password"] = sshd.Password,
            ["hostKeyFingerprint"] = sshd.HostKeyFingerprintSha256,
        });

    public Task<ExecResult> ExecAsync(string sessionId, string command) =>
        CallAsync<ExecResult>(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = sessionId, ["command"] = command });

    public Task<CloseResult> CloseAsync(string sessionId) =>
        CallAsync<CloseResult>(ToolNames.Close, new Dictionary<string, object?> { ["sessionId"] = sessionId });

    public Task<T> CallAsync<T>(string tool, IReadOnlyDictionary<string, object?> arguments) => Client.CallAsync<T>(tool, arguments);

    /// <summary>Closes stdin (the server then exits) and waits for the process, then removes the temp home.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.DisposeAsync().AsTask().WaitAsync(CallBound);
        }
        finally
        {
            _loggerFactory.Dispose();
            Directory.Delete(_home, recursive: true);
        }
    }
}
