using System.Diagnostics;
using System.Globalization;
using System.Net;
using ModelContextProtocol.Client;
using SshMcp.Tests.Infrastructure;
using SshMcp.Tests.Packaging;

namespace SshMcp.Tests.Cluster;

/// <summary>
/// The built server (<c>dotnet SshMcp.Server.dll</c>) as a child process serving HTTP in cluster mode, with a home
/// directory of its own; ready when <c>/health</c> says it is an active member of the cluster. Killed by PID.
/// </summary>
public sealed class ReplicaProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(180);
    private readonly Process _process;
    private readonly BoundedLog _log = new(64 * 1024);
    private readonly List<McpClient> _clients = [];

    private ReplicaProcess(string name, Process process, int httpPort)
    {
        Name = name;
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}");
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public Uri BaseAddress { get; }

    public string Log => _log.ToString();

    public bool HasExited => _process.HasExited;

    /// <param name="environment">Settings as environment variables (<c>SshMcp__Cluster__Redis</c>, PORT, tokens).</param>
    public static async Task<ReplicaProcess> StartAsync(string name, int httpPort, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [BuildInfo.BuiltServerDll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["PORT"] = httpPort.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start replica {name}.");
        var replica = new ReplicaProcess(name, process, httpPort);
        process.OutputDataReceived += (_, e) => replica._log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => replica._log.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await replica.WaitUntilHealthyAsync();
        }
        catch
        {
            await replica.DisposeAsync();
            throw;
        }

        return replica;
    }

    /// <summary>A real MCP client for this replica (2026-07-28: no MCP session), as the named token's principal (or with no token).</summary>
    public async Task<TestMcpClient> ConnectAsync(string? token)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(BaseAddress, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        });
        var client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "cluster-tests", Version = "1.0" } })
            .WaitAsync(StartBound);
        _clients.Add(client);
        return new TestMcpClient(client);
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would: no shutdown, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(StartBound);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                await client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is TimeoutException or HttpRequestException or IOException)
            {
                // The replica may be gone already.
            }
        }

        using (_process)
        {
            await KillAsync();
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        var healthy = await Poll.UntilAsync(
            async cancellationToken =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Replica {Name} exited with code {_process.ExitCode}. It said:\n{Log}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    return false; // not listening yet, or a first answer slower than one attempt's bound
                }
            },
            StartBound,
            CancellationToken.None);
        if (!healthy)
        {
            throw new InvalidOperationException($"Replica {Name} was not healthy within {StartBound.TotalSeconds} s. It said:\n{Log}");
        }
    }
}
