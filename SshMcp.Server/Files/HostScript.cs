using System.Text;
using System.Threading.Channels;
using SshMcp.Server.Shell;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Files;

/// <summary>
/// A script running on a channel of its own that the server talks to in lines: its stdin takes data and lines, its
/// stdout answers in lines. Disposing it closes the channel, which the script reads as the end of its stdin.
/// </summary>
internal sealed class HostScript : IRemoteOutput, IDisposable
{
    private const int MaxLineBytes = 64 * 1024;
    private const int StderrKeptChars = 1024;

    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly MemoryStream _partial = new();
    private readonly StringBuilder _stderr = new();
    private IRemoteProcess _process = null!;

    /// <summary>Completes when the channel closed.</summary>
    public Task Exited => _process.Exited;

    /// <summary>The end of what the script wrote to stderr.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString().Trim();
            }
        }
    }

    public static async Task<HostScript> StartAsync(ISshConnection connection, ScriptLaunch launch, CancellationToken cancellationToken)
    {
        var script = new HostScript();
        script._process = await connection.StartAsync(launch.CommandLine, script, cancellationToken);
        try
        {
            await script._process.WriteAsync(launch.Preamble, cancellationToken);
            return script;
        }
        catch
        {
            script.Dispose();
            throw;
        }
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => _process.WriteAsync(data, cancellationToken);

    public ValueTask SendLineAsync(string line, CancellationToken cancellationToken) =>
        _process.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);

    /// <summary>The next line of stdout; null when stdout ended first. Throws <see cref="TimeoutException"/> past <paramref name="bound"/>.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(bound);
        try
        {
            return await _lines.Reader.WaitToReadAsync(deadline.Token) && _lines.Reader.TryRead(out var line) ? line : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the host did not answer within {bound.TotalSeconds:0} s");
        }
    }

    public void Dispose() => _process?.Dispose();

    void IRemoteOutput.OnData(RemoteStream stream, ReadOnlySpan<byte> data)
    {
        if (stream == RemoteStream.Stderr)
        {
            lock (_stderr)
            {
                _stderr.Append(Encoding.UTF8.GetString(data));
                if (_stderr.Length > StderrKeptChars)
                {
                    _stderr.Remove(0, _stderr.Length - StderrKeptChars);
                }
            }

            return;
        }

        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var part = newline < 0 ? data : data[..newline];
            if (_partial.Length + part.Length <= MaxLineBytes)
            {
                _partial.Write(part);
            }

            if (newline < 0)
            {
                return;
            }

            _lines.Writer.TryWrite(Encoding.UTF8.GetString(_partial.GetBuffer(), 0, (int)_partial.Length));
            _partial.SetLength(0);
            data = data[(newline + 1)..];
        }
    }

    void IRemoteOutput.OnClosed(RemoteStream stream)
    {
        if (stream == RemoteStream.Stdout)
        {
            _lines.Writer.TryComplete();
        }
    }
}
