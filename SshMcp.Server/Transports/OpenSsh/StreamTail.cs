using System.Text;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// Drains a stream to its end and keeps the last part of what it said (ssh's messages on stderr): what the errors are
/// classified from and what the Debug log shows. Bounded, whatever ssh prints. Thread-safe reads of the text.
/// </summary>
internal sealed class StreamTail
{
    private const int KeptChars = 16 * 1024;

    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();

    private StreamTail(Stream stream, Action<string>? onText)
    {
        Completion = DrainAsync(stream, onText);
    }

    /// <summary>Completes at the end of the stream.</summary>
    public Task Completion { get; }

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <param name="onText">Called with all the text kept so far, each time more arrives (the master's stdout watches for its ready line).</param>
    public static StreamTail Start(Stream stream, Action<string>? onText = null) => new(stream, onText);

    private async Task DrainAsync(Stream stream, Action<string>? onText)
    {
        var bytes = new byte[4096];
        var chars = new char[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(bytes)) > 0)
            {
                var count = _decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                var piece = new string(chars, 0, count);
                lock (_gate)
                {
                    _text.Append(piece);
                    if (_text.Length > KeptChars)
                    {
                        _text.Remove(0, _text.Length - KeptChars);
                    }
                }

                onText?.Invoke(Text);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The process was killed and its pipe closed under the read: the end of the stream.
        }
    }
}
