using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Files.Sftp;

/// <summary>
/// The SFTP protocol over one channel of the session's connection: packets framed by length, requests matched to
/// replies by id, so that many requests can be in flight at once (pipelined reads and writes). The transport pushes
/// the channel's output here from its reader; each reply completes its request's task on the thread pool. Sends are
/// serialised, one whole packet at a time.
/// </summary>
internal sealed class SftpChannel : IRemoteOutput, IDisposable
{
    private const int StderrKeptChars = 512;

    private readonly Lock _gate = new();
    private readonly Dictionary<uint, TaskCompletionSource<SftpReply>> _pending = [];
    private readonly SemaphoreSlim _sendTurn = new(1, 1);
    private readonly TaskCompletionSource<SftpReply> _version = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _stderr = new();
    private readonly byte[] _header = new byte[4];
    private readonly TimeSpan _replyBound;
    private IRemoteProcess? _process;
    private int _headerFilled;
    private byte[]? _body;
    private int _bodyLength;
    private int _bodyFilled;
    private int _openStreams = 2;
    private uint _lastId;

    private SftpChannel(TimeSpan replyBound)
    {
        _replyBound = replyBound;
    }

    /// <summary>The extensions the host's server announced (<c>posix-rename@openssh.com</c>, …).</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; private set; } = new Dictionary<string, string>();

    public bool IsOpen => !_ended.Task.IsCompleted;

    /// <summary>
    /// Starts the host's SFTP server on a channel of its own and exchanges versions. Throws
    /// <see cref="SftpUnavailableException"/> when the host has none.
    /// </summary>
    /// <param name="replyBound">How long any one request may wait for its reply before the host counts as gone.</param>
    public static async Task<SftpChannel> OpenAsync(ISshConnection connection, TimeSpan replyBound, CancellationToken cancellationToken)
    {
        var channel = new SftpChannel(replyBound);
        channel._process = await connection.StartSftpAsync(channel, cancellationToken);
        try
        {
            using (var init = new SftpPacketWriter(SftpProtocol.Init, id: null))
            {
                init.WriteUInt32(SftpProtocol.Version);
                await channel.SendAsync(init.Packet, cancellationToken);
            }

            using var version = await channel._version.Task.WaitAsync(replyBound, cancellationToken);
            var fields = version.Fields();
            _ = fields.ReadUInt32(); // OpenSSH answers 3 whatever it supports beyond
            var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
            while (!fields.AtEnd)
            {
                var name = fields.ReadText();
                extensions[name] = fields.ReadText();
            }

            channel.Extensions = extensions;
            return channel;
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    /// <summary>A fresh request id.</summary>
    public uint NextId() => Interlocked.Increment(ref _lastId);

    /// <summary>
    /// Sends a request and returns, once it is sent, the task of its reply. Sending waits while the channel's window
    /// is full, which is what bounds a pipeline. The reply task faults when the channel ends first.
    /// </summary>
    public async Task<Task<SftpReply>> SendRequestAsync(uint id, SftpPacketWriter packet, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<SftpReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_ended.Task.IsCompleted)
            {
                throw Closed();
            }

            _pending.Add(id, reply);
        }

        try
        {
            await SendAsync(packet.Packet, cancellationToken);
        }
        catch
        {
            lock (_gate)
            {
                _pending.Remove(id);
            }

            throw;
        }

        return reply.Task;
    }

    /// <summary>Waits for a reply, bounded: a host that does not answer within the bound counts as gone.</summary>
    public async Task<SftpReply> ReceiveAsync(Task<SftpReply> reply, CancellationToken cancellationToken)
    {
        try
        {
            return await reply.WaitAsync(_replyBound, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new SftpChannelClosedException($"the host's SFTP server did not answer within {_replyBound.TotalSeconds:0} s");
        }
    }

    /// <summary>Sends a request and waits for its reply.</summary>
    public async Task<SftpReply> CallAsync(uint id, SftpPacketWriter packet, CancellationToken cancellationToken) =>
        await ReceiveAsync(await SendRequestAsync(id, packet, cancellationToken), cancellationToken);

    /// <summary>Replies nobody will read any more (a transfer that failed or was cancelled) go back to the pool on arrival.</summary>
    public static void Abandon(IEnumerable<Task<SftpReply>> replies)
    {
        foreach (var reply in replies)
        {
            _ = reply.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        _process?.Dispose();
        End("the SFTP channel was closed");
    }

    void IRemoteOutput.OnData(RemoteStream stream, ReadOnlySpan<byte> data)
    {
        if (stream == RemoteStream.Stderr)
        {
            lock (_stderr)
            {
                _stderr.Append(Encoding.UTF8.GetString(data[..Math.Min(data.Length, StderrKeptChars)]));
                if (_stderr.Length > StderrKeptChars)
                {
                    _stderr.Remove(0, _stderr.Length - StderrKeptChars);
                }
            }

            return;
        }

        try
        {
            Assemble(data);
        }
        catch (FormatException ex)
        {
            // The stream can no longer be framed: nothing after this can be trusted.
            _process?.Dispose();
            End(ex.Message);
        }
    }

    void IRemoteOutput.OnClosed(RemoteStream stream)
    {
        if (Interlocked.Decrement(ref _openStreams) == 0 || stream == RemoteStream.Stdout)
        {
            End(StderrText() is { Length: > 0 } said ? $"the host's SFTP server ended: {said}" : "the host's SFTP server ended");
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        await _sendTurn.WaitAsync(cancellationToken);
        try
        {
            // Never cut a packet in half: once its first byte is sent, the rest follows whatever the caller does.
            await _process!.WriteAsync(packet, CancellationToken.None);
        }
        finally
        {
            _sendTurn.Release();
        }
    }

    private void Assemble(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_body is null)
            {
                var take = Math.Min(4 - _headerFilled, data.Length);
                data[..take].CopyTo(_header.AsSpan(_headerFilled));
                _headerFilled += take;
                data = data[take..];
                if (_headerFilled < 4)
                {
                    return;
                }

                var length = BinaryPrimitives.ReadUInt32BigEndian(_header);
                if (length is 0 or > SftpProtocol.MaxPacketBytes)
                {
                    throw new FormatException($"the host's SFTP server sent a packet of {length} bytes");
                }

                _bodyLength = (int)length;
                _bodyFilled = 0;
                _body = ArrayPool<byte>.Shared.Rent(_bodyLength);
                continue;
            }

            var part = Math.Min(_bodyLength - _bodyFilled, data.Length);
            data[..part].CopyTo(_body.AsSpan(_bodyFilled));
            _bodyFilled += part;
            data = data[part..];
            if (_bodyFilled == _bodyLength)
            {
                var reply = new SftpReply(_body, _bodyLength);
                _body = null;
                _headerFilled = 0;
                Dispatch(reply);
            }
        }
    }

    private void Dispatch(SftpReply reply)
    {
        if (reply.Type == SftpProtocol.VersionReply)
        {
            if (!_version.TrySetResult(reply))
            {
                reply.Dispose();
            }

            return;
        }

        if (reply.Length < 5)
        {
            reply.Dispose();
            throw new FormatException("the host's SFTP server sent a reply without a request id");
        }

        TaskCompletionSource<SftpReply>? waiting;
        lock (_gate)
        {
            _pending.Remove(reply.Id, out waiting);
        }

        if (waiting is null || !waiting.TrySetResult(reply))
        {
            reply.Dispose(); // an id nobody waits for: a cancelled request
        }
    }

    private void End(string reason)
    {
        List<TaskCompletionSource<SftpReply>> orphans;
        lock (_gate)
        {
            if (!_ended.TrySetResult())
            {
                return;
            }

            orphans = [.. _pending.Values];
            _pending.Clear();
        }

        _version.TrySetException(new SftpUnavailableException(reason));
        foreach (var orphan in orphans)
        {
            orphan.TrySetException(new SftpChannelClosedException(reason));
        }
    }

    private string StderrText()
    {
        lock (_stderr)
        {
            return _stderr.ToString().Trim();
        }
    }

    private static SftpChannelClosedException Closed() => new("the SFTP channel has ended");
}
