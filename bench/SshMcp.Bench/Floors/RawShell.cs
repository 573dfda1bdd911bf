using System.Globalization;
using System.Text;
using Renci.SshNet;

namespace SshMcp.Bench.Floors;

/// <summary>
/// The floor of a persistent shell: SSH.NET's exec channel running a shell that reads commands from stdin, each
/// command followed by <c>;echo ::N $?</c>, stdout read by one dedicated thread (SSH.NET only offers blocking reads)
/// that completes the waiting call inline. Nothing more than the wire and the shell.
/// </summary>
internal sealed class RawShell : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly SshCommand _command;
    private readonly Stream _stdin;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private TaskCompletionSource<RawAnswer>? _pending;
    private string _marker = "";
    private int _runs;

    private RawShell(SshCommand command, Stream stdin)
    {
        _command = command;
        _stdin = stdin;
    }

    /// <summary>Opens the channel running <paramref name="shellCommand"/> and answers one command on it.</summary>
    public static async Task<RawShell> StartAsync(SshClient client, string shellCommand)
    {
        ArgumentNullException.ThrowIfNull(client);
        var command = client.CreateCommand(shellCommand);
        _ = command.ExecuteAsync(CancellationToken.None);
        var shell = new RawShell(command, command.CreateInputStream());
        var reader = new Thread(shell.ReadLoop) { IsBackground = true, Name = "raw shell stdout" };
        reader.Start();
        var first = await shell.RunAsync("true");
        if (first.ExitCode != 0)
        {
            throw new InvalidOperationException($"The raw shell did not start: exit {first.ExitCode}.");
        }

        return shell;
    }

    /// <summary>Runs one command; the answer holds its stdout and exit status.</summary>
    public Task<RawAnswer> RunAsync(string commandText)
    {
        // Inline continuation: the floor pays no thread hop.
        var pending = new TaskCompletionSource<RawAnswer>();
        var run = ++_runs;
        lock (_gate)
        {
            _pending = pending;
            _marker = string.Create(CultureInfo.InvariantCulture, $"::{run} ");
            _output.Clear();
        }

        _stdin.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{commandText};echo ::{run} $?\n")));
        return pending.Task.WaitAsync(Bound);
    }

    public void Dispose()
    {
        _stdin.Dispose();
        _command.Dispose();
    }

    private void ReadLoop()
    {
        var buffer = new byte[16 * 1024];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        try
        {
            int read;
            while ((read = _command.OutputStream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var count = decoder.GetChars(buffer, 0, read, chars, 0);
                Deliver(chars.AsSpan(0, count));
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed: the end.
        }

        lock (_gate)
        {
            _pending?.TrySetException(new IOException("The raw shell's stdout ended."));
        }
    }

    private void Deliver(ReadOnlySpan<char> text)
    {
        TaskCompletionSource<RawAnswer>? done = null;
        RawAnswer answer = default;
        lock (_gate)
        {
            _output.Append(text);
            var all = _output.ToString();
            var at = all.IndexOf(_marker, StringComparison.Ordinal);
            var newline = at < 0 ? -1 : all.IndexOf('\n', at);
            if (newline > 0 && _pending is not null)
            {
                var status = int.Parse(all.AsSpan(at + _marker.Length, newline - at - _marker.Length), CultureInfo.InvariantCulture);
                answer = new RawAnswer(all[..at], status);
                done = _pending;
                _pending = null;
                _output.Clear();
            }
        }

        done?.TrySetResult(answer);
    }
}
