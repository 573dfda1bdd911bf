using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using SshMcp.Server.Http;

namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// The real HTTP server (<see cref="SshMcpHttpApp.Build"/>: Kestrel, guards, token, MCP, SSH) in this process on a
/// free loopback port, with a bearer token unless a test says otherwise. A fresh one per test.
/// </summary>
public sealed class HttpServerHarness : IAsyncDisposable
{
    public const string Token = "test-token-5f0c1d2e3b4a69788796a5b4c3d2e1f0";
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly WebApplication _app;
    private readonly List<McpClient> _clients = [];
    private bool _stopped;

    private HttpServerHarness(WebApplication app, CapturingLoggerProvider logs)
    {
        _app = app;
        Logs = logs;
        BaseAddress = SshMcpHttpApp.ListeningAddress(app);
        McpEndpoint = new Uri(BaseAddress, SshMcpHttpApp.McpPath);
    }

    public Uri BaseAddress { get; }

    public Uri McpEndpoint { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds the app with test defaults (port 0, loopback, <see cref="Token"/>) plus <paramref name="settings"/>; a null value removes a default.</summary>
    public static WebApplication Build(IDictionary<string, string?>? settings, CapturingLoggerProvider logs, Action<WebApplicationBuilder>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["PORT"] = "0",
            ["SshMcp:Http:BindAddress"] = "127.0.0.1",
            ["SshMcp:Http:AuthToken"] = Token,
            // No default identity files from the machine running the tests.
            ["SshMcp:KeyDirectory"] = Path.Combine(Path.GetTempPath(), "sshmcp-no-keys"),
            ["SshMcp:AgentSocket"] = "none",
            // Nor its ~/.ssh/config (ssh -G and the openssh transport read it otherwise).
            ["SshMcp:SshConfigPath"] = "none",
            // Nor its known_hosts, nor its host key store: each server remembers hosts in a store of its own.
            ["SshMcp:KnownHostsPath"] = "",
            ["SshMcp:HostKeyStorePath"] = Path.Combine(Path.GetTempPath(), $"sshmcp-http-tests-{Guid.NewGuid():N}", "known_hosts"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value ?? "";
        }

        return SshMcpHttpApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
            configure?.Invoke(builder);
        });
    }

    public static async Task<HttpServerHarness> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var logs = new CapturingLoggerProvider();
        var app = Build(settings, logs, configure);
        try
        {
            await app.StartAsync().WaitAsync(Bound);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new HttpServerHarness(app, logs);
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = Bound };

    /// <summary>
    /// A real MCP client over Streamable HTTP; disposing it sends DELETE unless <paramref name="ownsSession"/> is false.
    /// It speaks 2026-07-28 (no initialize, no MCP session) unless <paramref name="protocolVersion"/> pins an older revision.
    /// </summary>
    public async Task<TestMcpClient> ConnectAsync(string? token = Token, bool ownsSession = true, bool standaloneGetStream = true, string? protocolVersion = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = McpEndpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            OwnsSession = ownsSession,
            EnableStandaloneGetStream = standaloneGetStream,
        });
        var client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "http-tests", Version = "1.0" }, ProtocolVersion = protocolVersion })
            .WaitAsync(Bound);
        _clients.Add(client);
        return new TestMcpClient(client);
    }

    /// <summary>Stops the server as a host shutdown would (graceful: hosted services stop, sessions close).</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _app.StopAsync().WaitAsync(Bound);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var client in _clients)
            {
                await client.DisposeAsync().AsTask().WaitAsync(Bound);
            }
        }
        finally
        {
            if (!_stopped)
            {
                await _app.StopAsync().WaitAsync(Bound);
            }

            await _app.DisposeAsync();
        }
    }
}
