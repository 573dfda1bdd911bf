using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SshMcp.TestKit;

/// <summary>
/// A real <c>redis-server</c> (the Debian package) of its own: a temp directory with its config, a free loopback
/// port, nothing saved to disk; ready when it answers PING; stopped by PID.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);
    private readonly BoundedLog _log = new(16 * 1024);
    private readonly Process _process;
    private readonly string _directory;

    private RedisServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The connection string replicas are given (<c>SshMcp:Cluster:Redis</c>).</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public string Log => _log.ToString();

    public static async Task<RedisServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("sshmcp-redis-").FullName;
        var port = LoopbackPort.Free();
        var config = Path.Combine(directory, "redis.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            $"port {port.ToString(CultureInfo.InvariantCulture)}",
            "bind 127.0.0.1",
            "protected-mode yes",
            $"dir {directory}",
            "save \"\"",
            "appendonly no",
            "daemonize no",
            "logfile \"\"",
            "databases 1",
            ""));
        var info = new ProcessStartInfo("redis-server", [config]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start: is the redis-server package installed?");
        var server = new RedisServer(process, directory, port);
        process.OutputDataReceived += (_, e) => server._log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server._log.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!await Poll.UntilAsync(server.AnswersPingAsync, StartBound, CancellationToken.None))
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"redis-server did not answer PING on port {port} within {StartBound.TotalSeconds} s. It said:\n{server.Log}");
        }

        return server;
    }

    /// <summary>Sends one inline command and returns the first line of the answer (<c>+PONG</c>, <c>:3</c>, <c>$-1</c>).</summary>
    public async Task<string> CommandAsync(string command, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync(cancellationToken) ?? "";
    }

    public async ValueTask DisposeAsync()
    {
        using (_process)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync().WaitAsync(StartBound);
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}. It said:\n{Log}");
        }

        try
        {
            return await CommandAsync("PING", cancellationToken) == "+PONG";
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
