using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// A long-lived command on a channel of the session's connection: either one ssh of its own through the master, or
/// the master itself running the command it was started with (the session's shell). stdout and stderr are pushed to
/// the sink as they arrive, by two asynchronous reads (no thread), stdin written as the session writes. It runs under
/// <see cref="ExitWrapper"/>, whose first byte on stdout says the channel is open and the command started (what SSH.NET
/// learns from the exec request's reply); until then stderr is ssh's own, and says why when it never comes. When ssh
/// ends without a status and the master is gone too, the connection dropped: <see cref="Exited"/> faults.
/// </summary>
internal sealed class OpenSshProcess : IRemoteProcess
{
    private const int ReadBufferBytes = 16 * 1024;
    private const int PipeBytes = 1024 * 1024;
    private static readonly TimeSpan MasterExitGrace = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WriteFailureGrace = TimeSpan.FromSeconds(1);

    private readonly SshChild _child;
    private readonly OpenSshMaster _master;
    private readonly bool _isMaster;
    private readonly LastStatusTail? _statusTail;
    private bool _shellSaid255;
    private readonly IRemoteOutput _output;
    private readonly TaskCompletionSource<bool> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OpenSshProcess(SshChild child, OpenSshMaster master, IRemoteOutput output, bool loginShell)
    {
        _statusTail = loginShell ? new LastStatusTail() : null;
        child.GrowOutputPipes(PipeBytes);
        _child = child;
        _master = master;
        _isMaster = master.Id == child.Id;
        _output = output;
        var stdout = PumpStdoutAsync();
        var stderr = PumpStderrAsync();
        Exited = EndAsync(stdout, stderr);
    }

    public Task Exited { get; }

    public int? ExitStatus { get; private set; }

    public string? ExitSignal { get; private set; }

    /// <summary>Starts the command and returns once it runs; a channel that could not be opened throws.</summary>
    /// <param name="loginShell">It runs <see cref="ExitWrapper.WrapLoginShell"/>, whose last bytes may tell a status 255.</param>
    public static async Task<OpenSshProcess> StartAsync(SshChild child, OpenSshMaster master, IRemoteOutput output, bool loginShell, CancellationToken cancellationToken)
    {
        var process = new OpenSshProcess(child, master, output, loginShell);
        try
        {
            if (await process._started.Task.WaitAsync(cancellationToken))
            {
                return process;
            }

            await child.Exited.WaitAsync(cancellationToken);
            var said = await ReadAllAsync(child.Stderr, cancellationToken);
            // The master's own session channel: refused by the host, else the connection ended before the command ran.
            throw process._isMaster
                ? OpenSshErrors.ChannelFailure(said, masterRunning: true) ?? Failures.ChannelLost()
                : OpenSshErrors.ChannelFailure(said, master.IsRunning) ?? Failures.ChannelFailed(OpenSshErrors.FirstMessage(said));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await _child.Stdin.WriteAsync(data, cancellationToken);
            await _child.Stdin.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            // The channel is gone (a broken pipe); let its end become visible before the caller looks.
            await Waits.CompletesWithinAsync(Exited, WriteFailureGrace);
            throw;
        }
    }

    /// <summary>Ends the command: its ssh, or the master (which then ends the connection; the connection disposes it).</summary>
    public void Dispose()
    {
        if (_isMaster)
        {
            _child.Kill();
        }
        else
        {
            _child.Dispose();
        }
    }

    private async Task PumpStdoutAsync()
    {
        var buffer = new byte[ReadBufferBytes];
        var started = false;
        try
        {
            int read;
            while ((read = await _child.Stdout.ReadAsync(buffer)) > 0)
            {
                ReadOnlySpan<byte> data = buffer.AsSpan(0, read);
                if (!started)
                {
                    started = true;
                    _started.TrySetResult(true);
                    data = data[ExitWrapper.StartedMarker.Length..];
                }

                if (_statusTail is not null)
                {
                    data = _statusTail.Read(data);
                }

                if (!data.IsEmpty)
                {
                    _output.OnData(RemoteStream.Stdout, data);
                }
            }

            if (_statusTail?.TakeHeld() is { Length: > 0 } held)
            {
                // The marker only counts as the wrapper's when ssh then exits 255; otherwise it was output.
                if (LastStatusTail.IsMarker(held) && await Waits.CompletesWithinAsync(_child.Exited, MasterExitGrace)
                    && _child.ExitCode == OpenSshErrors.SshFailed)
                {
                    _shellSaid255 = true;
                }
                else
                {
                    _output.OnData(RemoteStream.Stdout, held);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Disposed or killed under the read: the end of the stream.
        }
        finally
        {
            _started.TrySetResult(false);
            if (started)
            {
                _output.OnClosed(RemoteStream.Stdout);
            }
        }
    }

    private async Task PumpStderrAsync()
    {
        // Until the command has started, stderr is ssh's: left in the pipe for StartAsync to read.
        if (!await _started.Task)
        {
            return;
        }

        var buffer = new byte[ReadBufferBytes];
        try
        {
            int read;
            while ((read = await _child.Stderr.ReadAsync(buffer)) > 0)
            {
                _output.OnData(RemoteStream.Stderr, buffer.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _output.OnClosed(RemoteStream.Stderr);
        }
    }

    private async Task EndAsync(Task stdout, Task stderr)
    {
        await _child.Exited;
        await Task.WhenAll(stdout, stderr);
        var code = _child.ExitCode;
        if (code == OpenSshErrors.SshFailed && _shellSaid255)
        {
            // The shell's own status, which the wrapper said before it exited.
            (ExitStatus, ExitSignal) = (code, null);
            return;
        }

        if (code == OpenSshErrors.SshFailed && (!_master.IsRunning || await Waits.CompletesWithinAsync(_master.Exited, MasterExitGrace)))
        {
            throw Failures.ChannelLost();
        }

        if (_isMaster)
        {
            // The master's own view of the same exit, which tells a kill from outside.
            await _master.Exited;
            if (_master.Vanished)
            {
                throw Failures.ChannelLost();
            }
        }

        (ExitStatus, ExitSignal) = ExitWrapper.Read(code);
    }

    private static async Task<string> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return text.Length > 4096 ? text[..4096] : text;
    }
}
