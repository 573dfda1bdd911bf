using SshMcp.Server.Transports;

namespace SshMcp.Server.Runs;

/// <summary>
/// The full output of a session's recent foreground runs, on disk in a private directory: two <see cref="SpoolLog"/>s
/// (stdout and stderr), bounded together by a byte budget. Writing past the budget drops the oldest segment, oldest
/// run first, and never fails the command: a disk error turns the spool off and is reported instead. Memory stays
/// bounded whatever a command prints: bytes go straight to the files; the run table keeps its newest entries only.
/// Disposed (and its directory deleted) with the session.
/// </summary>
internal sealed class RunSpool : IDisposable
{
    public const int MaxEntries = 1000;
    private const long MinSegmentBytes = 16 * 1024;
    private const long MaxSegmentBytes = 8 * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly string _directory;
    private readonly long _budget;
    private readonly SpoolLog _stdout;
    private readonly SpoolLog _stderr;
    private readonly LinkedList<SpoolEntry> _entries = new();
    private readonly Dictionary<string, LinkedListNode<SpoolEntry>> _byId = new(StringComparer.Ordinal);
    private readonly DroppedIds _dropped = new(MaxEntries);
    private long _sequence;
    private bool _created;
    private bool _disposed;

    /// <param name="directory">Made (0700) on the first byte written; deleted on dispose.</param>
    /// <param name="budgetBytes">Bytes kept on disk, both streams together; 0 keeps none.</param>
    public RunSpool(string directory, long budgetBytes)
    {
        _directory = directory;
        _budget = budgetBytes;
        var segment = Math.Clamp(budgetBytes / 8, MinSegmentBytes, MaxSegmentBytes);
        _stdout = new SpoolLog(directory, "out", segment);
        _stderr = new SpoolLog(directory, "err", segment);
    }

    public long BudgetBytes => _budget;

    /// <summary>Why the spool stopped keeping output (a disk error), or null.</summary>
    public string? Failure { get; private set; }

    public bool Keeps => _budget > 0 && Failure is null;

    public SpoolEntry Begin(string runId)
    {
        lock (_gate)
        {
            var entry = new SpoolEntry(this, runId, ++_sequence, _stdout.Length, _stderr.Length);
            _byId[runId] = _entries.AddLast(entry);
            while (_entries.Count > MaxEntries)
            {
                var oldest = _entries.First!.Value;
                _entries.RemoveFirst();
                _byId.Remove(oldest.RunId);
                _dropped.Add(oldest.RunId);
            }

            return entry;
        }
    }

    public SpoolEntry? Find(string runId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(runId, out var node) ? node.Value : null;
        }
    }

    /// <summary>True for a run of this session whose entry was dropped (the spool keeps the newest runs only).</summary>
    public bool WasDropped(string runId)
    {
        lock (_gate)
        {
            return _dropped.Contains(runId);
        }
    }

    public void Complete(SpoolEntry entry, int? exitCode)
    {
        lock (_gate)
        {
            entry.Complete(exitCode);
        }
    }

    /// <summary>The progress a run made so far: bytes printed (both streams) and its last line.</summary>
    public (long Bytes, string LastLine) Progress(SpoolEntry entry)
    {
        lock (_gate)
        {
            var line = entry.LastWritten == RemoteStream.Stdout ? entry.StdoutLine : entry.StderrLine;
            return (entry.StdoutBytes + entry.StderrBytes, line.Text());
        }
    }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>'s length of one stream of a run from <paramref name="offset"/> (relative
    /// to the run). What the spool dropped is skipped: the answer says where the bytes really start.
    /// </summary>
    public SpoolRead Read(SpoolEntry entry, RemoteStream stream, long offset, Span<byte> buffer)
    {
        lock (_gate)
        {
            var total = entry.BytesOf(stream);
            var log = stream == RemoteStream.Stdout ? _stdout : _stderr;
            var start = entry.StartOf(stream);
            var kept = _budget > 0 ? Math.Clamp(log.Length - start, 0, total) : 0;
            var firstKept = Math.Clamp(log.FirstRetained - start, 0, kept);
            var from = Math.Max(offset, firstKept);
            var count = (int)Math.Clamp(kept - from, 0, buffer.Length);
            var read = count == 0 ? 0 : log.Read(start + from, buffer[..count]);
            return new SpoolRead(from, read, total, firstKept, kept, entry.Running, entry.ExitCode);
        }
    }

    internal void Append(SpoolEntry entry, RemoteStream stream, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            entry.Count(stream, data);
            if (Keeps && !_disposed)
            {
                try
                {
                    if (!_created)
                    {
                        PrivateFiles.CreateDirectory(_directory);
                        _created = true;
                    }

                    (stream == RemoteStream.Stdout ? _stdout : _stderr).Append(data, entry.Sequence);
                    entry.DroppedOthersBytes += MakeRoom(entry.Sequence);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Failure = ex.Message;
                }
            }
        }

        entry.Pulse();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stdout.Dispose();
            _stderr.Dispose();
            foreach (var entry in _entries)
            {
                entry.Pulse();
            }
        }

        try
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still open elsewhere; the server's spool root is removed as a whole when it stops.
        }
    }

    /// <summary>Drops the oldest segments until the budget holds; returns the bytes of earlier runs dropped.</summary>
    private long MakeRoom(long current)
    {
        long others = 0;
        while (_stdout.RetainedBytes + _stderr.RetainedBytes > _budget)
        {
            var outStamp = _stdout.OldestDroppableStamp;
            var errStamp = _stderr.OldestDroppableStamp;
            if (outStamp is null && errStamp is null)
            {
                break;
            }

            var fromStdout = errStamp is null || (outStamp is not null && outStamp <= errStamp);
            var stamp = fromStdout ? outStamp!.Value : errStamp!.Value;
            var freed = (fromStdout ? _stdout : _stderr).DropOldest();
            if (stamp < current)
            {
                others += freed;
            }
        }

        return others;
    }

    /// <summary>The ids of the runs whose entries went, newest kept, bounded.</summary>
    private sealed class DroppedIds(int capacity)
    {
        private readonly Queue<string> _order = new();
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        public void Add(string id)
        {
            if (_ids.Add(id))
            {
                _order.Enqueue(id);
            }

            if (_order.Count > capacity)
            {
                _ids.Remove(_order.Dequeue());
            }
        }

        public bool Contains(string id) => _ids.Contains(id);
    }
}
