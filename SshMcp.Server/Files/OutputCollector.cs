using System.Buffers;
using System.Text;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Files;

/// <summary>Collects up to a known number of bytes a command prints on stdout (a slice of a file), and the end of its stderr.</summary>
internal sealed class OutputCollector(int capacity) : IRemoteOutput, IDisposable
{
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _stderr = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, capacity));

    public int Length { get; private set; }

    /// <summary>More bytes came than expected.</summary>
    public bool Overflowed { get; private set; }

    public Task StdoutClosed => _stdoutClosed.Task;

    public ReadOnlyMemory<byte> Data => _buffer.AsMemory(0, Length);

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

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    void IRemoteOutput.OnData(RemoteStream stream, ReadOnlySpan<byte> data)
    {
        if (stream == RemoteStream.Stderr)
        {
            lock (_stderr)
            {
                if (_stderr.Length < 1024)
                {
                    _stderr.Append(Encoding.UTF8.GetString(data));
                }
            }

            return;
        }

        var room = Math.Min(capacity - Length, data.Length);
        data[..room].CopyTo(_buffer.AsSpan(Length));
        Length += room;
        Overflowed |= room < data.Length;
    }

    void IRemoteOutput.OnClosed(RemoteStream stream)
    {
        if (stream == RemoteStream.Stdout)
        {
            _stdoutClosed.TrySetResult();
        }
    }
}
