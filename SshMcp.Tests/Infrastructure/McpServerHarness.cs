using System.IO.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SshMcp.Server.Tools;

namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// The real server (AddSshMcp, every tool, the real SSH code) in this process, talked to by the real MCP client
/// over an in-memory stream pair. A fresh one per test.
/// </summary>
public sealed class McpServerHarness : IAsyncDisposable
{
    public static readonly TimeSpan CallBound = McpClientCalls.CallBound;

    private readonly IHost _host;

    private McpServerHarness(IHost host, McpClient client)
    {
        _host = host;
        Client = client;
    }

    public McpClient Client { get; }

    public IServiceProvider Services => _host.Services;

    public CapturingLoggerProvider Logs { get; } = new();

    /// <param name="services">Replaces services (e.g. a fake TimeProvider).</param>
    /// <param name="configure">Runs on the host builder before the server is added (e.g. telemetry for a test).</param>
    /// <param name="client">Changes the client's options (e.g. an elicitation handler and the capability it declares).</param>
    public static async Task<McpServerHarness> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, Action<HostApplicationBuilder>? configure = null, Action<McpClientOptions>? client = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // No default identity files, known_hosts or host key store of the machine running the tests.
            ["SshMcp:KeyDirectory"] = Path.Combine(Path.GetTempPath(), "sshmcp-no-keys"),
            ["SshMcp:KnownHostsPath"] = "",
            // Nor the runner's ssh-agent: agent tests name their own agent's socket.
            ["SshMcp:AgentSocket"] = "none",
            // Nor the runner's ~/.ssh/config and /etc/ssh/ssh_config (ssh -G and the openssh transport read them otherwise).
            ["SshMcp:SshConfigPath"] = "none",
            // A test that means the system ssh says so (ssh_open's transport, or this setting): auto would pick it here.
            ["SshMcp:Transport"] = TransportNames.SshNet,
            ["SshMcp:HostKeyStorePath"] = Path.Combine(Path.GetTempPath(), $"sshmcp-tests-{Guid.NewGuid():N}", "known_hosts"),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        services?.Invoke(builder.Services);
        var logs = new CapturingLoggerProvider();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        configure?.Invoke(builder);

        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        builder.AddSshMcp().WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream());
        var host = builder.Build();
        await host.StartAsync().WaitAsync(CallBound);

        var transport = new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream());
        var clientOptions = new McpClientOptions { ClientInfo = new() { Name = "tests", Version = "1.0" } };
        client?.Invoke(clientOptions);
        var mcpClient = await McpClient.CreateAsync(transport, clientOptions).WaitAsync(CallBound);
        var harness = new McpServerHarness(host, mcpClient);
        harness.Logs.AddFrom(logs);
        return harness;
    }

    public Task<OpenResult> OpenAsync(SshdFixture sshd, string transport) =>
        OpenAsync(sshd, new Dictionary<string, object?> { ["transport"] = transport });

    public async Task<OpenResult> OpenAsync(SshdFixture sshd, IDictionary<string, object?>? extra = null)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["host"] = sshd.Host,
            ["port"] = sshd.Port,
            ["username"] = sshd.Username,
            ["password"] = sshd.Password,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            arguments[key] = value;
        }

        return await CallAsync<OpenResult>(ToolNames.Open, arguments);
    }

    public Task<ExecResult> ExecAsync(string sessionId, string command, int? timeoutMs = null, CancellationToken cancellationToken = default)
    {
        var arguments = new Dictionary<string, object?> { ["sessionId"] = sessionId, ["command"] = command };
        if (timeoutMs is not null)
        {
            arguments["timeoutMs"] = timeoutMs;
        }

        return CallAsync<ExecResult>(ToolNames.Exec, arguments, cancellationToken);
    }

    public Task<CloseResult> CloseAsync(string sessionId) =>
        CallAsync<CloseResult>(ToolNames.Close, new Dictionary<string, object?> { ["sessionId"] = sessionId });

    public Task<T> CallAsync<T>(string tool, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken = default) =>
        Client.CallAsync<T>(tool, arguments, cancellationToken);

    /// <summary>Calls a tool that must fail with a tool error, and returns the error text.</summary>
    public Task<string> CallErrorAsync(string tool, IReadOnlyDictionary<string, object?> arguments) => Client.CallErrorAsync(tool, arguments);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().AsTask().WaitAsync(CallBound);
        await _host.StopAsync().WaitAsync(CallBound);
        _host.Dispose();
    }
}
