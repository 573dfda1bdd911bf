using System.Buffers;
using System.Text;
using SshMcp.Server.Ssh;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Runs;

/// <summary>
/// Runs a script on a channel of its own (<c>exec /bin/sh -s ARGS</c>, the script on its stdin) and keeps its stdout
/// as bytes, unlike <see cref="ISshConnection.RunAsync"/>, which decodes text: a background run's output may be any
/// bytes. Built on <see cref="ISshConnection.StartAsync"/>, so every transport carries it. Output past
/// <c>maxStdoutBytes</c> is dropped; the whole call is bounded.
/// </summary>
internal static class HostScript
{
    private const int MaxStderrBytes = 4 * 1024;

    public static async Task<HostScriptResult> RunAsync(ISshConnection connection, string commandLine, byte[] script, int maxStdoutBytes, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(bound);
        var output = new Collector(maxStdoutBytes);
        try
        {
            using var process = await connection.StartAsync(commandLine, output, deadline.Token);
            await process.WriteAsync(script, deadline.Token);
            await output.Closed.WaitAsync(deadline.Token);
            await Sessions.Waits.CompletesWithinAsync(process.Exited, bound);
            return new HostScriptResult(output.Stdout.WrittenMemory, Encoding.UTF8.GetString(output.Stderr.WrittenSpan));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the host did not answer within {bound.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or SshFailureException))
        {
            // A library's own exception (a write to a channel that closed under us): the same for every transport.
            throw new SshFailureException(SshFailureKind.ConnectionLost, $"the channel failed ({ex.GetType().Name})", ex);
        }
    }

    private sealed class Collector(int maxStdoutBytes) : IRemoteOutput
    {
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _open = 2;

        public ArrayBufferWriter<byte> Stdout { get; } = new();

        public ArrayBufferWriter<byte> Stderr { get; } = new();

        public Task Closed => _closed.Task;

        public void OnData(RemoteStream stream, ReadOnlySpan<byte> data)
        {
            var (buffer, limit) = stream == RemoteStream.Stdout ? (Stdout, maxStdoutBytes) : (Stderr, MaxStderrBytes);
            lock (buffer)
            {
                var room = Math.Min(data.Length, limit - buffer.WrittenCount);
                if (room > 0)
                {
                    buffer.Write(data[..room]);
                }
            }
        }

        public void OnClosed(RemoteStream stream)
        {
            if (Interlocked.Decrement(ref _open) == 0)
            {
                _closed.TrySetResult();
            }
        }
    }
}
