using System.Collections.Concurrent;

namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>
/// Decides whether to trust a host key, as OpenSSH would with the user's known_hosts plus the server's own store,
/// and records hosts trusted on first use. Thread-safe; meant to be a singleton.
/// </summary>
/// <remarks>
/// Order of the checks: a key marked <c>@revoked</c> for the host is refused, even when pinned; then a pinned
/// fingerprint decides alone; then policy <see cref="HostKeyPolicy.Off"/> accepts anything (without reading a
/// file); then the host's entries decide: a matching key is known; any other entry, of whatever key type,
/// means the key changed and it is refused. That last point is OpenSSH's behaviour: measured with OpenSSH 9.2,
/// a host known only by an ecdsa key that presents an ed25519 key gets "REMOTE HOST IDENTIFICATION HAS CHANGED"
/// and is refused under StrictHostKeyChecking=accept-new and yes. A host with no entries is new: trusted under
/// <see cref="HostKeyPolicy.AcceptNew"/>, refused under <see cref="HostKeyPolicy.Strict"/>. A known hosts
/// file that exists but cannot be read refuses every check (failing open could hide a changed key).
/// </remarks>
internal sealed class HostKeyVerifier
{
    private const int PinnedKeysKept = 64;

    private readonly HostKeyOptions _options;
    private readonly ILogger<HostKeyVerifier> _logger;
    private readonly KnownHostsFile? _userFile;
    private readonly KnownHostsFile _store;
    private readonly ConcurrentDictionary<string, KnownHostsFile> _configFiles = new(StringComparer.Ordinal);
    private readonly Lock _storeWriteGate = new();

    /// <summary>Keys that matched a pin, by fingerprint (the pin names the key; this keeps its bytes for a next open).</summary>
    private readonly ConcurrentDictionary<string, byte[]> _pinnedKeys = new(StringComparer.Ordinal);

    public HostKeyVerifier(HostKeyOptions options, ILogger<HostKeyVerifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.StorePath, "options.StorePath");
        _options = options;
        _logger = logger;
        _store = new KnownHostsFile(HostKeyOptions.ExpandHome(options.StorePath), logger);
        _userFile = string.IsNullOrWhiteSpace(options.UserKnownHostsPath)
            ? null
            : new KnownHostsFile(HostKeyOptions.ExpandHome(options.UserKnownHostsPath), logger);
    }

    /// <summary><c>SHA256:</c> and the unpadded base64 of SHA-256 over the key blob, as <c>ssh-keygen -lf</c> prints it.</summary>
    public static string FingerprintSha256(byte[] keyBlob)
    {
        ArgumentNullException.ThrowIfNull(keyBlob);
        return HostKeyBlob.Sha256Fingerprint(keyBlob);
    }

    /// <param name="host">The host name or address as the caller connects to it.</param>
    /// <param name="port">The TCP port.</param>
    /// <param name="keyBlob">The raw public key blob (SSH.NET's <c>HostKeyEventArgs.HostKey</c>).</param>
    /// <param name="pinnedFingerprint">A <c>SHA256:</c> fingerprint the caller requires, or null.</param>
    public HostKeyDecision Check(string host, int port, byte[] keyBlob, string? pinnedFingerprint) =>
        Check(new HostKeyScope(host, port) { Pin = pinnedFingerprint }, keyBlob);

    /// <summary>Checks a key as <paramref name="scope"/> says: its pin, and its host's ssh_config files and strictness.</summary>
    public HostKeyDecision Check(HostKeyScope scope, byte[] keyBlob)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(keyBlob);
        var (host, port) = scope.LookupAs;
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);

        var policy = HostKeyPolicies.Tighten(_options.Policy, scope.Strictness);
        var pinnedFingerprint = scope.Pin;
        var files = Files(scope);
        var fingerprint = HostKeyBlob.Sha256Fingerprint(keyBlob);
        if (!KnownHostName.IsValidHost(host))
        {
            return HostKeyDecision.Refuse(fingerprint, HostKeyMessages.InvalidHost(host));
        }

        if (!HostKeyBlob.TryReadKeyType(keyBlob, out var keyType))
        {
            return HostKeyDecision.Refuse(fingerprint, HostKeyMessages.MalformedKey(host, port));
        }

        var pinned = string.IsNullOrWhiteSpace(pinnedFingerprint) ? null : pinnedFingerprint;
        if (pinned is null && policy == HostKeyPolicy.Off)
        {
            return HostKeyDecision.Accept(HostKeyStatus.Unchecked, fingerprint);
        }

        if (!TryFindEntries(files, KnownHostName.LookupName(host, port), out var entries, out var unreadableMessage))
        {
            return HostKeyDecision.Refuse(fingerprint, unreadableMessage);
        }

        var revoked = entries.FirstOrDefault(e => e.Marker == KnownHostMarker.Revoked && e.HasKey(keyBlob));
        if (revoked is not null)
        {
            HostKeyLog.HostKeyRevoked(_logger, host, port, fingerprint, revoked.FilePath, revoked.LineNumber);
            return HostKeyDecision.Refuse(fingerprint, HostKeyMessages.Revoked(host, port, fingerprint, keyType, revoked));
        }

        if (pinned is not null)
        {
            return CheckPin(host, port, pinned, fingerprint, keyType, keyBlob);
        }

        if (policy == HostKeyPolicy.Off)
        {
            return HostKeyDecision.Accept(HostKeyStatus.Unchecked, fingerprint);
        }

        var known = entries.Where(e => e.Marker == KnownHostMarker.None).ToList();
        if (known.Any(e => e.HasKey(keyBlob)))
        {
            return HostKeyDecision.Accept(HostKeyStatus.Known, fingerprint);
        }

        if (known.Count > 0)
        {
            HostKeyLog.HostKeyChanged(_logger, host, port, fingerprint, known[0].FilePath, known[0].LineNumber);
            return HostKeyDecision.Refuse(fingerprint, HostKeyMessages.Changed(host, port, fingerprint, keyType, known));
        }

        if (policy == HostKeyPolicy.Strict)
        {
            HostKeyLog.UnknownHostRefused(_logger, host, port, fingerprint);
            var why = _options.Policy == HostKeyPolicy.Strict ? "SshMcp:HostKeyPolicy is strict" : "its ssh_config sets StrictHostKeyChecking yes";
            return HostKeyDecision.Refuse(
                fingerprint, HostKeyMessages.UnknownUnderStrict(host, port, fingerprint, keyType, files.Select(f => f.Path), why));
        }

        return HostKeyDecision.Accept(HostKeyStatus.NewlyTrusted, fingerprint);
    }

    /// <summary>
    /// The one key this check would call known, when the files it reads know the host by exactly one plain key (no
    /// other key, no revoked or CA line) and no pin or policy <see cref="HostKeyPolicy.Off"/> decides instead: then
    /// <see cref="Check(HostKeyScope, byte[])"/> trusts that key and refuses every other. Null in every other case.
    /// </summary>
    public KnownHostEntry? SoleKnownKey(HostKeyScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (host, port) = scope.LookupAs;
        if (!string.IsNullOrWhiteSpace(scope.Pin) || HostKeyPolicies.Tighten(_options.Policy, scope.Strictness) == HostKeyPolicy.Off
            || !KnownHostName.IsValidHost(host) || port is <= 0 or > ushort.MaxValue
            || !TryFindEntries(Files(scope), KnownHostName.LookupName(host, port), out var entries, out _))
        {
            return null;
        }

        return entries is [{ Marker: KnownHostMarker.None } only] ? only : null;
    }

    /// <summary>
    /// The key <paramref name="scope"/>'s pin names, when a check in this process has seen it: a pin decides alone, so
    /// <see cref="Check(HostKeyScope, byte[])"/> trusts that key (unless a known_hosts line revokes it) and refuses every
    /// other. Null without a pin, or for a key not seen yet.
    /// </summary>
    public byte[]? PinnedKey(HostKeyScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return !string.IsNullOrWhiteSpace(scope.Pin) && HostKeyBlob.TryNormalizeFingerprint(scope.Pin, out var expected)
            && _pinnedKeys.TryGetValue(expected, out var blob) ? blob : null;
    }

    /// <summary>
    /// Records the key in the store, keeping every existing line; call it once the session has authenticated
    /// after <see cref="Check"/> returned <see cref="HostKeyStatus.NewlyTrusted"/>. Does nothing when the
    /// entry is already there, or when the policy is not <see cref="HostKeyPolicy.AcceptNew"/> (only that
    /// policy trusts on first use, so nothing else may grow the store). A failure to write is logged, not
    /// thrown: the session is fine, and the host will simply count as new next time.
    /// </summary>
    public void Remember(string host, int port, byte[] keyBlob) =>
        Remember(new HostKeyScope(host, port), keyBlob);

    /// <summary>As <see cref="Remember(string, int, byte[])"/>, under the name <paramref name="scope"/> looks keys up by.</summary>
    public void Remember(HostKeyScope scope, byte[] keyBlob)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (host, port) = scope.LookupAs;
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(keyBlob);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        if (!KnownHostName.IsValidHost(host))
        {
            throw new ArgumentException(HostKeyMessages.InvalidHost(host), nameof(scope));
        }

        if (!HostKeyBlob.TryReadKeyType(keyBlob, out var keyType))
        {
            throw new ArgumentException("The key blob is not a valid SSH public key.", nameof(keyBlob));
        }

        if (HostKeyPolicies.Tighten(_options.Policy, scope.Strictness) != HostKeyPolicy.AcceptNew)
        {
            return;
        }

        var lookupName = KnownHostName.LookupName(host, port);
        var line = $"{lookupName} {keyType} {Convert.ToBase64String(keyBlob)}";
        try
        {
            // One writer at a time, and each re-reads the file inside the lock, so concurrent calls lose nothing.
            lock (_storeWriteGate)
            {
                var existing = KnownHostsStoreWriter.ReadOrEmpty(_store.Path);
                var present = KnownHostsParser.Parse(existing, _store.Path).Entries
                    .Any(e => e.Marker == KnownHostMarker.None && e.HasKey(keyBlob) && e.Hosts.Matches(lookupName));
                if (present)
                {
                    return;
                }

                KnownHostsStoreWriter.Append(_store.Path, existing, line);
                _store.Invalidate();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            HostKeyLog.RememberFailed(_logger, host, port, _store.Path, ex);
            return;
        }

        var fingerprint = HostKeyBlob.Sha256Fingerprint(keyBlob);
        HostKeyLog.HostKeyRemembered(_logger, host, port, keyType, fingerprint, _store.Path);
    }

    private HostKeyDecision CheckPin(string host, int port, string pinned, string fingerprint, string keyType, byte[] keyBlob)
    {
        if (!HostKeyBlob.TryNormalizeFingerprint(pinned, out var expected))
        {
            return HostKeyDecision.Refuse(fingerprint, HostKeyMessages.PinMalformed(pinned));
        }

        if (string.Equals(expected, fingerprint, StringComparison.Ordinal))
        {
            if (_pinnedKeys.Count >= PinnedKeysKept)
            {
                _pinnedKeys.Clear();
            }

            _pinnedKeys[fingerprint] = keyBlob.ToArray();
            return HostKeyDecision.Accept(HostKeyStatus.Pinned, fingerprint);
        }

        HostKeyLog.PinMismatch(_logger, host, port, fingerprint, expected);
        return HostKeyDecision.Refuse(fingerprint, HostKeyMessages.PinMismatch(host, port, expected, fingerprint, keyType));
    }

    /// <summary>Every entry (plain or revoked) whose host field matches, from all files in order.</summary>
    /// <summary>The files to read, in order: the user's known_hosts, the ones the host's config names, the server's store.</summary>
    private List<KnownHostsFile> Files(HostKeyScope scope)
    {
        var files = new List<KnownHostsFile>(scope.KnownHostsFiles.Count + 2);
        if (_userFile is not null)
        {
            files.Add(_userFile);
        }

        foreach (var path in scope.KnownHostsFiles)
        {
            var file = _configFiles.GetOrAdd(path, p => new KnownHostsFile(p, _logger));
            if (!files.Any(f => f.Path == file.Path) && file.Path != _store.Path)
            {
                files.Add(file);
            }
        }

        files.Add(_store);
        return files;
    }

    private bool TryFindEntries(List<KnownHostsFile> files, string lookupName, out List<KnownHostEntry> entries, out string unreadableMessage)
    {
        entries = [];
        unreadableMessage = string.Empty;
        foreach (var file in files)
        {
            try
            {
                entries.AddRange(file.GetEntries().Where(e => e.Hosts.Matches(lookupName)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                HostKeyLog.KnownHostsUnreadable(_logger, file.Path, ex);
                unreadableMessage = HostKeyMessages.Unreadable(file.Path, ex);
                return false;
            }
        }

        return true;
    }
}
