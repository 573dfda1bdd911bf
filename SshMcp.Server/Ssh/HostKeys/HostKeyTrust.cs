using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Options;

namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>
/// The one face of host key checking, whichever transport connects: the user's known_hosts and the server's own store,
/// the configured policy, and an optional pin per call. A host trusted for the first time is remembered only once the
/// session authenticated. Status stays typed (<see cref="HostKeyStatus"/>) until a tool writes it out.
/// </summary>
internal sealed class HostKeyTrust
{
    private readonly HostKeyVerifier _verifier;

    public HostKeyTrust(IOptions<SshMcpOptions> options, ILogger<HostKeyVerifier> logger)
    {
        Options = CreateOptions(options.Value);
        _verifier = new HostKeyVerifier(Options, logger);
    }

    /// <summary>The policy and files in force (a transport that checks keys itself follows the same ones).</summary>
    public HostKeyOptions Options { get; }

    public static HostKeyOptions CreateOptions(SshMcpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hostKeys = new HostKeyOptions();
        if (HostKeyPolicyParser.TryParse(options.HostKeyPolicy, out var policy))
        {
            hostKeys.Policy = policy;
        }

        if (options.KnownHostsPath is not null)
        {
            hostKeys.UserKnownHostsPath = options.KnownHostsPath.Length == 0 ? null : options.KnownHostsPath;
        }

        if (!string.IsNullOrEmpty(options.HostKeyStorePath))
        {
            hostKeys.StorePath = options.HostKeyStorePath;
        }

        return hostKeys;
    }

    /// <summary>Called during key exchange with the raw key blob; <paramref name="pinnedFingerprint"/> is the caller's pin.</summary>
    public HostKeyDecision Check(string host, int port, byte[] keyBlob, string? pinnedFingerprint) =>
        _verifier.Check(host, port, keyBlob, pinnedFingerprint);

    /// <summary>Called during key exchange for one hop of a route: its pin, and what its ssh_config adds (see <see cref="HostKeyScope"/>).</summary>
    public HostKeyDecision Check(HostKeyScope scope, byte[] keyBlob) => _verifier.Check(scope, keyBlob);

    /// <summary>The one key <paramref name="scope"/>'s check would trust, when that is all it would trust (see <see cref="HostKeyVerifier.SoleKnownKey"/>).</summary>
    public KnownHostEntry? SoleKnownKey(HostKeyScope scope) => _verifier.SoleKnownKey(scope);

    /// <summary>The key <paramref name="scope"/>'s pin names, once a check has seen it (see <see cref="HostKeyVerifier.PinnedKey"/>).</summary>
    public byte[]? PinnedKey(HostKeyScope scope) => _verifier.PinnedKey(scope);

    /// <summary>Called once the session authenticated, so that only hosts really used are remembered.</summary>
    public void Accepted(string host, int port, byte[] keyBlob, HostKeyDecision decision) =>
        Accepted(new HostKeyScope(host, port), keyBlob, decision);

    /// <summary>As <see cref="Accepted(string, int, byte[], HostKeyDecision)"/>, for a key checked with <paramref name="scope"/>.</summary>
    public void Accepted(HostKeyScope scope, byte[] keyBlob, HostKeyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Status == HostKeyStatus.NewlyTrusted)
        {
            _verifier.Remember(scope, keyBlob);
        }
    }
}
