using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net;
using System.Security.Cryptography;
using ModelContextProtocol.Client;
using SshMcp.TestKit;

namespace SshMcp.Bench.Server;

/// <summary>
/// A server started as a child process and the MCP client talking to it: over stdio (the client's transport starts
/// it) or over Streamable HTTP (started here, on a free loopback port given in PORT).
/// </summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private readonly Process? _httpProcess;

    private RunningServer(McpClient client, int pid, string transport, double startMilliseconds, Process? httpProcess)
    {
        Client = client;
        Pid = pid;
        Transport = transport;
        StartMilliseconds = startMilliseconds;
        _httpProcess = httpProcess;
    }

    public McpClient Client { get; }

    public int Pid { get; }

    public string Transport { get; }

    /// <summary>From spawning the process to the answer of <c>initialize</c> (stdio) or to the first answer (HTTP).</summary>
    public double StartMilliseconds { get; }

    /// <summary>Starts <c>dotnet DLL ARGS</c> as a stdio MCP server and completes the MCP handshake with it.</summary>
    public static async Task<RunningServer> StartStdioAsync(string dll, IReadOnlyList<string> arguments, IDictionary<string, string?> environment, Action<string> stderr)
    {
        var known = ProcessMemory.ChildrenWithCommandLine(dll).ToHashSet();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = Path.GetFileNameWithoutExtension(dll),
            Command = "dotnet",
            Arguments = [dll, .. arguments],
            EnvironmentVariables = environment,
            StandardErrorLines = stderr,
        });
        var started = Stopwatch.GetTimestamp();
        var client = await McpClient.CreateAsync(transport, ClientOptions()).WaitAsync(StartBound);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var pid = ProcessMemory.ChildrenWithCommandLine(dll).Except(known).SingleOrDefault();
        if (pid == 0)
        {
            await client.DisposeAsync();
            throw new InvalidOperationException($"Could not find the process of {dll}.");
        }

        return new RunningServer(client, pid, "stdio", elapsed, null);
    }

    /// <summary>Starts <c>dotnet DLL</c> serving HTTP on a free loopback port and connects a stateful MCP client to /mcp.</summary>
    public static async Task<RunningServer> StartHttpAsync(string dll, IDictionary<string, string?> environment, Action<string> log)
    {
        var port = LoopbackPort.Free();
        var info = new ProcessStartInfo("dotnet", [dll])
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

        info.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        // A token like a deployment would set (a server that does not know the setting ignores it).
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        info.Environment["SSHMCP_AUTH_TOKEN"] = token;
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the HTTP server.");
        process.OutputDataReceived += (_, e) => log(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => log(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/mcp");
            await WaitUntilListeningAsync(process, port);
            var transport = new HttpClientTransport(new HttpClientTransportOptions
            {
                Name = "sshmcp-http",
                Endpoint = endpoint,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            });
            var client = await McpClient.CreateAsync(transport, ClientOptions()).WaitAsync(StartBound);
            return new RunningServer(client, process.Id, "http", Stopwatch.GetElapsedTime(started).TotalMilliseconds, process);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.DisposeAsync().AsTask().WaitAsync(StartBound);
        }
        finally
        {
            if (_httpProcess is not null)
            {
                Stop(_httpProcess);
            }
        }
    }

    /// <summary>
    /// The protocol today's agents speak, with the <c>initialize</c> handshake and <c>ping</c> (2026-07-28, which the
    /// SDK tries first, has neither).
    /// </summary>
    public const string ProtocolVersion = "2025-11-25";

    private static McpClientOptions ClientOptions() => new()
    {
        ClientInfo = new() { Name = "sshmcp-bench", Version = "1.0" },
        ProtocolVersion = ProtocolVersion,
    };

    private static async Task WaitUntilListeningAsync(Process process, int port)
    {
        using var deadline = new CancellationTokenSource(StartBound);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
        }

        throw new InvalidOperationException($"The HTTP server exited with code {process.ExitCode} before listening on port {port}.");
    }

    private static void Stop(Process process)
    {
        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
    }
}
