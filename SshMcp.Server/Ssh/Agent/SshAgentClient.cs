using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;

namespace SshMcp.Server.Ssh.Agent;

/// <summary>
/// A client of an ssh-agent over its Unix socket: one connection per request, closed on every path, each request
/// bounded by <see cref="RequestTimeout"/>. Listing is asynchronous. Signing is synchronous because SSH.NET asks for
/// signatures from inside its synchronous authentication, on a thread it already blocks there: a blocking exchange
/// with socket timeouts adds no thread and no sync-over-async wait.
/// </summary>
internal sealed class SshAgentClient(string socketPath, TimeSpan requestTimeout)
{
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    public string SocketPath { get; } = socketPath;

    public TimeSpan RequestTimeout { get; } = requestTimeout;

    public async Task<IReadOnlyList<AgentIdentity>> ListIdentitiesAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(RequestTimeout);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(Endpoint(), deadline.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(AgentProtocol.RequestIdentitiesMessage(), deadline.Token);
            var header = new byte[4];
            await stream.ReadExactlyAsync(header, deadline.Token);
            var message = new byte[CheckedLength(header)];
            await stream.ReadExactlyAsync(message, deadline.Token);
            return AgentProtocol.ParseIdentities(message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut();
        }
        catch (Exception ex) when (Classify(ex) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>Asks the agent to sign <paramref name="data"/> with the key or certificate <paramref name="keyBlob"/>.</summary>
    /// <returns>The signature in SSH encoding (algorithm name and blob), as a USERAUTH_REQUEST carries it.</returns>
    public byte[] Sign(ReadOnlySpan<byte> keyBlob, ReadOnlySpan<byte> data, uint flags)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            // Connecting to a Unix socket does not wait for the agent: the kernel queues it until the agent accepts.
            socket.Connect(Endpoint());
            socket.SendTimeout = Remaining(clock);
            socket.Send(AgentProtocol.SignRequestMessage(keyBlob, data, flags));
            var header = new byte[4];
            ReceiveExactly(socket, header, clock);
            var message = new byte[CheckedLength(header)];
            ReceiveExactly(socket, message, clock);
            return AgentProtocol.ParseSignature(message);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
            throw TimedOut();
        }
        catch (Exception ex) when (Classify(ex) is { } failure)
        {
            throw failure;
        }
    }

    private UnixDomainSocketEndPoint Endpoint() => new(SocketPath);

    private void ReceiveExactly(Socket socket, byte[] buffer, Stopwatch clock)
    {
        for (var received = 0; received < buffer.Length;)
        {
            socket.ReceiveTimeout = Remaining(clock);
            var count = socket.Receive(buffer, received, buffer.Length - received, SocketFlags.None);
            if (count == 0)
            {
                throw new EndOfStreamException();
            }

            received += count;
        }
    }

    private int Remaining(Stopwatch clock)
    {
        var left = RequestTimeout - clock.Elapsed;
        return left > TimeSpan.Zero
            ? Math.Max(1, (int)left.TotalMilliseconds)
            : throw new SocketException((int)SocketError.TimedOut);
    }

    private static int CheckedLength(byte[] header)
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        return length is > 0 and <= AgentProtocol.MaxMessageLength
            ? (int)length
            : throw new SshAgentException(SshAgentFailure.Malformed, $"The ssh-agent announced a message of {length} bytes.");
    }

    private SshAgentException TimedOut() =>
        new(SshAgentFailure.Timeout, $"The ssh-agent at {SocketPath} did not answer within {RequestTimeout.TotalSeconds:0.#} s.");

    private SshAgentException? Classify(Exception exception) => exception switch
    {
        SshAgentException => null,
        SocketException socket => new(SshAgentFailure.Unreachable, $"Cannot connect to the ssh-agent at {SocketPath}: {socket.SocketErrorCode}.", socket),
        EndOfStreamException or IOException => new(SshAgentFailure.Malformed, $"The ssh-agent at {SocketPath} closed the connection before answering.", exception),
        FormatException => new(SshAgentFailure.Malformed, $"The ssh-agent at {SocketPath} sent a malformed answer.", exception),
        ArgumentException => new(SshAgentFailure.Unreachable, $"'{SocketPath}' cannot be an ssh-agent socket (too long, or not a path).", exception),
        _ => null,
    };
}
