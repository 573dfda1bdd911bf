using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// What <c>ssh -G</c> printed, by its exact command line, kept while a fresh <see cref="ConfigSnapshot"/> of its
/// inputs still has the fingerprint taken before that run (so a file edited during the run only costs a miss).
/// Bounded in count and age; a failed run is never kept. Safe for concurrent opens: two misses of one key both run ssh.
/// </summary>
internal sealed class SshGOutputCache
{
    public const int MaxEntries = 64;

    /// <summary>Bounds what the snapshot cannot see (a library ssh loads, the password database).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reasonsLogged = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SshGOutputCache(TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
    }

    /// <summary>The output kept for <paramref name="key"/> while <paramref name="snapshot"/> matches, else <paramref name="run"/>'s.</summary>
    /// <param name="snapshot">Taken before <paramref name="run"/> starts.</param>
    public async Task<string> GetOrRunAsync(string key, ConfigSnapshot snapshot, string alias, Func<Task<string>> run)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(run);
        if (snapshot.NotCacheable is { } reason)
        {
            LogOnce(reason);
            return await run();
        }

        if (TryGet(key, snapshot.Fingerprint) is { } cached)
        {
            ConfigLog.ResolvedFromCache(_logger, alias);
            return cached;
        }

        var output = await run();
        Store(key, new Entry(snapshot.Fingerprint, output, _time.GetTimestamp()));
        return output;
    }

    private string? TryGet(string key, string fingerprint)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return null;
            }

            if (entry.Fingerprint == fingerprint && !Expired(entry))
            {
                return entry.Output;
            }

            _entries.Remove(key);
            return null;
        }
    }

    private void Store(string key, Entry entry)
    {
        lock (_gate)
        {
            _entries.Remove(key);
            foreach (var expired in _entries.Where(e => Expired(e.Value)).Select(e => e.Key).ToList())
            {
                _entries.Remove(expired);
            }

            if (_entries.Count >= MaxEntries)
            {
                _entries.Remove(_entries.MinBy(e => e.Value.StoredAt).Key);
            }

            _entries[key] = entry;
        }
    }

    private bool Expired(Entry entry) => _time.GetElapsedTime(entry.StoredAt) >= Lifetime;

    private void LogOnce(string reason)
    {
        lock (_gate)
        {
            if (!_reasonsLogged.Add(reason))
            {
                return;
            }
        }

        ConfigLog.NotCached(_logger, reason);
    }

    private sealed record Entry(string Fingerprint, string Output, long StoredAt);
}
