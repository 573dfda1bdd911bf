using System.Buffers;
using System.IO.Pipes;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The server's end of the helper (<c>Scripts/helper.sh</c>): reads each request from the request FIFO and writes one
/// answer line to the answer FIFO. Both FIFOs are opened read-write, so that opening never blocks on either side and
/// an answer waits in the pipe until the helper reads it; reads are asynchronous (epoll), so no thread waits here.
/// Requests are answered in order, one at a time; each names the ssh that asks (<see cref="HelperRequest.Asker"/>), so
/// the answer can depend on whether the master or a jump host's ssh asked.
/// </summary>
internal sealed class HelperBroker : IAsyncDisposable
{
    private const int MaxRequestBytes = 64 * 1024;

    private readonly SessionDirectory _directory;
    private readonly AnonymousPipeClientStream _requests;
    private readonly AnonymousPipeClientStream _answers;
    private readonly Func<HelperRequest, CancellationToken, ValueTask<HelperAnswer>> _answer;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    private HelperBroker(SessionDirectory directory, AnonymousPipeClientStream requests, AnonymousPipeClientStream answers, Func<HelperRequest, CancellationToken, ValueTask<HelperAnswer>> answer, ILogger logger)
    {
        _directory = directory;
        _requests = requests;
        _answers = answers;
        _answer = answer;
        _logger = logger;
    }

    /// <summary>Makes the FIFOs and starts answering each request with what <paramref name="answer"/> says.</summary>
    public static HelperBroker Start(SessionDirectory directory, Func<HelperRequest, CancellationToken, ValueTask<HelperAnswer>> answer, ILogger logger)
    {
        directory.MakeFifo(directory.RequestFifo);
        directory.MakeFifo(directory.AnswerFifo);
        var requests = Open(directory.RequestFifo, PipeDirection.In);
        var answers = Open(directory.AnswerFifo, PipeDirection.Out);
        var broker = new HelperBroker(directory, requests, answers, answer, logger);
        broker._loop = broker.RunAsync();
        return broker;
    }

    /// <summary>Removes the FIFOs (a late helper then finds none and refuses at once) and stops answering.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        SessionDirectory.DeleteFile(_directory.RequestFifo);
        SessionDirectory.DeleteFile(_directory.AnswerFifo);
        await _stop.CancelAsync();
        await _loop;
        await _requests.DisposeAsync();
        await _answers.DisposeAsync();
        _stop.Dispose();
    }

    private static AnonymousPipeClientStream Open(string path, PipeDirection direction)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var pipe = new SafePipeHandle(file.DangerousGetHandle(), ownsHandle: true);
        file.SetHandleAsInvalid();
        return new AnonymousPipeClientStream(direction, pipe);
    }

    private async Task RunAsync()
    {
        var buffer = new byte[4096];
        var pending = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var read = await _requests.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                pending.Write(buffer.AsSpan(0, read));
                while (HelperRequest.TryParse(pending.WrittenSpan, out var request, out var consumed))
                {
                    var rest = pending.WrittenSpan[consumed..].ToArray();
                    pending.Clear();
                    pending.Write(rest);
                    await AnswerAsync(request);
                }

                if (pending.WrittenCount > MaxRequestBytes)
                {
                    OpenSshLog.HelperRequestTooLong(_logger, pending.WrittenCount);
                    pending.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException ex)
        {
            OpenSshLog.HelperFailed(_logger, ex.Message);
        }
    }

    private async Task AnswerAsync(HelperRequest request)
    {
        var answer = HelperAnswer.Refuse;
        try
        {
            answer = await _answer(request, _stop.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OpenSshLog.HelperFailed(_logger, ex.GetType().Name);
        }

        var line = answer.ToLine();
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(line.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(line, bytes);
            await _answers.WriteAsync(bytes.AsMemory(0, length), _stop.Token);
            await _answers.FlushAsync(_stop.Token);
        }
        finally
        {
            // The answer may be a password: do not leave it in a pooled buffer.
            Array.Clear(bytes);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
