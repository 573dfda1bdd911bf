using Renci.SshNet;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>
/// A command on an SSH.NET exec channel. SSH.NET's output streams offer only blocking reads (an async read parks a
/// pool thread, which starves the pool under load), so each stream has a dedicated reader thread that pushes what it
/// reads to the <see cref="IRemoteOutput"/>.
/// </summary>
internal sealed class SshNetProcess : IRemoteProcess
{
    private const int ReadBufferBytes = 16 * 1024;
    private const int ReaderStackBytes = 256 * 1024;

    private readonly SshCommand _command;
    private readonly Stream _stdin;
    private readonly Task _exec;

    private SshNetProcess(SshCommand command, Task exec, Stream stdin)
    {
        _command = command;
        _exec = exec;
        _stdin = stdin;
    }

    public Task Exited => _exec;

    public int? ExitStatus => _command.ExitStatus;

    public string? ExitSignal => _command.ExitSignal;

    public static async Task<SshNetProcess> StartAsync(SshClient client, string commandLine, IRemoteOutput output, string name, CancellationToken cancellationToken)
    {
        var command = client.CreateCommand(commandLine);
        try
        {
            var exec = await SshNetChannels.ExecuteAsync(command, cancellationToken);
            var process = new SshNetProcess(command, exec, command.CreateInputStream());
            StartReader(command.OutputStream, RemoteStream.Stdout, output, name);
            StartReader(command.ExtendedOutputStream, RemoteStream.Stderr, output, name);
            return process;
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        // SSH.NET sends each write at once; a write to a closed channel fails, and the end shows through the readers.
        _stdin.Write(data.Span);
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        // Closing the channel sends EOF then CLOSE, and SSH.NET sends both under the channel's lock, checking what the
        // host already sent. Disposing the input stream first would send EOF on its own, checking the channel outside
        // that lock: when the host closes the channel at that moment (a script that just gave its last answer), the
        // EOF can follow the CLOSE SSH.NET sent back, and sshd ends the whole connection for a message to a channel
        // it has freed. The command disposes the input stream itself, after the channel closed, when it sends nothing.
        _command.Dispose();
    }

    private static void StartReader(Stream stream, RemoteStream which, IRemoteOutput output, string name)
    {
        var thread = new Thread(() => ReadLoop(stream, which, output), ReaderStackBytes)
        {
            IsBackground = true,
            Name = $"sshmcp {name} {(which == RemoteStream.Stdout ? "stdout" : "stderr")}",
        };
        thread.Start();
    }

    private static void ReadLoop(Stream stream, RemoteStream which, IRemoteOutput output)
    {
        var buffer = new byte[ReadBufferBytes];
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.OnData(which, buffer.AsSpan(0, read));
            }
        }
        catch (ObjectDisposedException)
        {
            // The command was disposed: same as end of stream.
        }
        finally
        {
            output.OnClosed(which);
        }
    }
}
