namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>
/// One known_hosts file, parsed once and kept until its modification time or length changes (checked with
/// one stat per call). A missing file has no entries. Thread-safe: readers get an immutable snapshot.
/// </summary>
internal sealed class KnownHostsFile(string path, ILogger logger)
{
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private bool _certAuthorityLogged;

    public string Path { get; } = path;

    /// <summary>The file's entries.</summary>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file exists but may not be read.</exception>
    public IReadOnlyList<KnownHostEntry> GetEntries()
    {
        // Stat before reading: if the file changes in between, the next call sees a new stamp and reads again.
        var stamp = Stamp.Of(Path);
        var current = Volatile.Read(ref _snapshot);
        if (current is not null && current.Stamp == stamp)
        {
            return current.Parsed.Entries;
        }

        lock (_gate)
        {
            current = _snapshot;
            if (current is null || current.Stamp != stamp)
            {
                current = new Snapshot(stamp, Load(stamp));
                Volatile.Write(ref _snapshot, current);
            }

            return current.Parsed.Entries;
        }
    }

    /// <summary>Forgets the cached entries, so the next call reads the file (used after we write it ourselves).</summary>
    public void Invalidate() => Volatile.Write(ref _snapshot, null);

    private ParsedKnownHosts Load(Stamp stamp)
    {
        if (!stamp.Exists)
        {
            return ParsedKnownHosts.Empty;
        }

        string text;
        try
        {
            text = File.ReadAllText(Path);
        }
        catch (FileNotFoundException)
        {
            return ParsedKnownHosts.Empty;
        }
        catch (DirectoryNotFoundException)
        {
            return ParsedKnownHosts.Empty;
        }

        var parsed = KnownHostsParser.Parse(text, Path);
        HostKeyLog.KnownHostsLoaded(logger, Path, parsed.Entries.Count, parsed.MalformedLines);
        if (parsed.CertAuthorityLines > 0 && !_certAuthorityLogged)
        {
            _certAuthorityLogged = true;
            HostKeyLog.CertAuthorityLinesSkipped(logger, Path, parsed.CertAuthorityLines);
        }

        return parsed;
    }

    private sealed record Snapshot(Stamp Stamp, ParsedKnownHosts Parsed);

    private readonly record struct Stamp(bool Exists, DateTime LastWriteUtc, long Length)
    {
        public static Stamp Of(string path)
        {
            // FileInfo describes a symbolic link itself; follow it, or edits of the target (dotfile managers
            // link known_hosts) would never be seen.
            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            {
                info = target;
            }

            if (info.Exists)
            {
                return new Stamp(true, info.LastWriteTimeUtc, info.Length);
            }

            // A directory in the file's place is a broken setup, not an empty file: reading it fails, loudly.
            return Directory.Exists(path) ? new Stamp(true, default, -1) : default;
        }
    }
}
