namespace SshMcp.TestKit;

/// <summary>Keeps the last lines of a chatty stream (sshd's stderr) up to a character budget; thread-safe.</summary>
public sealed class BoundedLog(int capacityChars)
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new();
    private int _chars;
    private long _dropped;

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            _chars += line.Length;
            while (_chars > capacityChars && _lines.Count > 1)
            {
                _chars -= _lines.Dequeue().Length;
                _dropped++;
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var text = string.Join('\n', _lines);
            return _dropped == 0 ? text : $"[{_dropped} earlier lines dropped]\n{text}";
        }
    }
}
