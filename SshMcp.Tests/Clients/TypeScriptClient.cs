using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace SshMcp.Tests.Clients;

/// <summary>
/// One official TypeScript MCP client (clients/driver.mjs) as a child process: the test sends it requests, the
/// client talks MCP to the server and validates, and answers one JSON line each. Every wait is bounded; disposing
/// asks it to close, then kills it by PID.
/// </summary>
internal sealed class TypeScriptClient : IAsyncDisposable
{
    /// <summary>Client kinds the driver knows: SDK 1.x, SDK 2.x pinned to 2026-07-28, SDK 2.x negotiating.</summary>
    public const string Sdk1 = "sdk1";
    public const string Sdk2Pinned = "sdk2-pinned";
    public const string Sdk2Auto = "sdk2-auto";

    private static readonly TimeSpan ConnectBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReplyMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly BoundedLog _stderr;
    private bool _disposed;

    private TypeScriptClient(Process process, int stderrChars)
    {
        _process = process;
        _stderr = new BoundedLog(stderrChars);
    }

    /// <summary>The driver's first line: connected (with the negotiated revision) or connect-failed (with the error).</summary>
    public DriverReply Connected { get; private set; } = DriverReply.Parse("{}");

    /// <summary>What the driver and, over stdio, the server wrote to stderr.</summary>
    public string Stderr => _stderr.ToString();

    /// <param name="kind">One of <see cref="Sdk1"/>, <see cref="Sdk2Pinned"/>, <see cref="Sdk2Auto"/>.</param>
    /// <param name="target">The driver's target arguments: <c>--http URL</c> or <c>--stdio command args…</c>.</param>
    /// <param name="environment">Added to the driver's environment (a null value removes a variable); a stdio server inherits it.</param>
    /// <param name="stderrChars">How much of stderr to keep (the last part); a test that searches all of it keeps more.</param>
    public static async Task<TypeScriptClient> StartAsync(string kind, IReadOnlyList<string> target, IReadOnlyDictionary<string, string?> environment, int stderrChars = 64 * 1024)
    {
        var startInfo = new ProcessStartInfo(NodeClients.Node, [NodeClients.Driver, "--client", kind, .. target])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = NodeClients.Directory,
        };
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var client = new TypeScriptClient(process, stderrChars);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                client._lines.Writer.TryComplete();
            }
            else
            {
                client._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => client._stderr.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            client.Connected = await client.ReadAsync(ConnectBound, "connect");
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public Task<DriverReply> ListToolsAsync() => SendAsync(new { op = "listTools" }, "tools/list", ReplyMargin);

    /// <summary>Scripts the person behind a client started with <c>--elicit-url</c> (see driver.mjs): one step per elicitation.</summary>
    public Task<DriverReply> PlanAsync(params object[] steps) => SendAsync(new { op = "human", plan = steps }, "human", ReplyMargin);

    /// <summary>The elicitations the client got, what the page did, and every JSON-RPC message the client saw.</summary>
    public Task<DriverReply> SeenAsync() => SendAsync(new { op = "seen" }, "seen", ReplyMargin);

    /// <param name="timeoutMs">The MCP request timeout the client applies; the wait here is that plus a margin.</param>
    public Task<DriverReply> CallAsync(string tool, IReadOnlyDictionary<string, object?> arguments, int timeoutMs = 30_000) =>
        SendAsync(new { op = "call", tool, args = arguments, timeoutMs }, tool, TimeSpan.FromMilliseconds(timeoutMs) + ReplyMargin);

    /// <summary>
    /// A call with a progress token whose request timeout restarts at each progress notification, as Claude Code's
    /// does; <paramref name="bound"/> bounds the wait here (the call may rightly outlast its request timeout).
    /// </summary>
    public Task<DriverReply> CallWithProgressAsync(string tool, IReadOnlyDictionary<string, object?> arguments, int timeoutMs, TimeSpan bound) =>
        SendAsync(new { op = "call", tool, args = arguments, timeoutMs, progress = true }, tool, bound + ReplyMargin);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { op = "close" }));
                await _process.StandardInput.FlushAsync();
                _process.StandardInput.Close();
                await _process.WaitForExitAsync().WaitAsync(ExitBound);
            }
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
        {
            // It did not close in time, or its stdin is gone: it is killed below.
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(ExitBound);
            }

            _process.Dispose();
        }
    }

    // "what" names the request in errors; the request itself may hold a password.
    private async Task<DriverReply> SendAsync(object request, string what, TimeSpan bound)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request));
        await _process.StandardInput.FlushAsync();
        return await ReadAsync(bound, what);
    }

    private async Task<DriverReply> ReadAsync(TimeSpan bound, string what)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            var line = await _lines.Reader.ReadAsync(timeout.Token);
            return DriverReply.Parse(line);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The driver did not answer {what} within {bound.TotalSeconds} s. Its stderr:\n{Stderr}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The driver exited before answering {what}. Its stderr:\n{Stderr}");
        }
    }
}
