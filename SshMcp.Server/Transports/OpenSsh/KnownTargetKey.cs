using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Config;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The shortcut for a target whose key the server already knows, and only that key. Asked through the helper, the
/// server would answer ssh's check with that key's known_hosts line and nothing for any other key, so ssh is given the
/// line up front instead, in a file of the session's directory that it reads first among its GlobalKnownHostsFile
/// list, and no KnownHostsCommand: ssh starts no helper process (one for the key order and one for the check, about
/// 10 ms each). ssh still reads the user's own files as before, so what it accepts is what it accepted with the helper.
/// A refusal is not explained here: the open is tried again the usual way, whose verdict names both keys and the file.
/// A pinned key seen before is given the same way, as the only line ssh reads: what the helper would have accepted.
/// </summary>
/// <param name="Line">The known_hosts line ssh reads.</param>
/// <param name="GlobalFiles">GlobalKnownHostsFile as ssh would read it otherwise, after this line's file.</param>
/// <param name="Target">The verdict ssh_open reports once the login succeeded.</param>
internal sealed record KnownTargetKey(string Line, IReadOnlyList<string> GlobalFiles, HostKeyAnswers.Verdict Target)
{
    /// <summary>What ssh prints when it refused the host's key (the shortcut's only way to fail on the key).</summary>
    public const string RefusedMessage = "Host key verification failed";

    /// <summary>
    /// The shortcut for <paramref name="request"/>, or null: a jump host (its ssh reads the same config), an approved
    /// address other than the HostName, a GlobalKnownHostsFile the resolver did not report, a host the server's checks
    /// know by anything but one plain key, or a pin whose key no check of this process has seen yet all take the usual
    /// way. A pin decides alone, so its shortcut is the pinned key as the only line ssh reads (<see cref="Pinned"/>).
    /// </summary>
    /// <param name="globalFilesOff">The server's config turns ssh's global files off unless the user's names some (SshMcp:KnownHostsPath).</param>
    public static KnownTargetKey? Find(HostKeyTrust trust, OpenRequest request, bool globalFilesOff)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Route is not { Hops: [var target] }
            || !string.Equals(target.ConnectHost, target.Config.HostName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var scope = HostKeyScope.For(target.Config, request.HostKeyFingerprint);
        if (request.HostKeyFingerprint is not null)
        {
            // Checked again as the helper would: a revoked key or a changed pin takes the usual way, which says why.
            return trust.PinnedKey(scope) is { } pinned && HostKeyBlob.TryReadKeyType(pinned, out var pinnedType)
                && trust.Check(scope, pinned) is { Trusted: true, Status: HostKeyStatus.Pinned } pinDecision
                    ? Create(scope, target, pinnedType, pinned, pinDecision, []) with { Pinned = true }
                    : null;
        }

        if (ReadGlobalFiles(target.Config.GlobalKnownHostsFiles, globalFilesOff) is not { } globalFiles
            || trust.SoleKnownKey(scope) is not { } entry
            || trust.Check(scope, entry.KeyBlob) is not { Trusted: true, Status: HostKeyStatus.Known } decision)
        {
            return null;
        }

        return Create(scope, target, entry.KeyType, entry.KeyBlob, decision, globalFiles);
    }

    /// <summary>
    /// Whether the call pinned the key: then ssh reads this line and no file of the user's (the command line says so,
    /// as it says /dev/null for the usual way's pin).
    /// </summary>
    public bool Pinned { get; init; }

    private static KnownTargetKey Create(HostKeyScope scope, Ssh.Routes.RouteHop target, string keyType, byte[] keyBlob, HostKeyDecision decision, IReadOnlyList<string> globalFiles)
    {
        var (host, port) = scope.LookupAs;
        var line = $"{KnownHostName.LookupName(host, port)} {keyType} {Convert.ToBase64String(keyBlob)}";
        return new KnownTargetKey(line, globalFiles, new HostKeyAnswers.Verdict(host, port, keyBlob, decision, IsTarget: true) { Hop = target, Scope = scope });
    }

    /// <summary>
    /// The list ssh would read: ssh -G's, except that OpenSSH's default list stands for the server's default when
    /// that turns the global files off; null (no shortcut) when unknown, or when that reading could miss a file ssh
    /// reads (a default file that exists while the server's default turns them off), or a path ssh_config cannot quote.
    /// </summary>
    private static IReadOnlyList<string>? ReadGlobalFiles(IReadOnlyList<string>? reported, bool globalFilesOff)
    {
        if (reported is null || reported.Any(path => path.Contains('"', StringComparison.Ordinal)))
        {
            return null;
        }

        if (!globalFilesOff || !reported.SequenceEqual(EffectiveConfig.DefaultGlobalKnownHostsFiles, StringComparer.Ordinal))
        {
            return reported;
        }

        return reported.Any(File.Exists) ? null : [];
    }
}
