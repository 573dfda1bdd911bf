using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Ssh;

/// <summary>
/// Host key trust as OpenSSH does it: the user's known_hosts and the server's own store, the configured policy, and an
/// optional pin per call. A host trusted for the first time is remembered only once the session authenticated.
/// </summary>
internal sealed class HostKeyTrust : IHostKeyTrust
{
    private readonly HostKeyVerifier _verifier;

    public HostKeyTrust(IOptions<SshMcpOptions> options, ILogger<HostKeyVerifier> logger)
    {
        _verifier = new HostKeyVerifier(CreateOptions(options.Value), logger);
    }

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

    public HostKeyVerdict Check(string host, int port, byte[] keyBlob, string? pinnedFingerprint)
    {
        var decision = _verifier.Check(host, port, keyBlob, pinnedFingerprint);
        return new HostKeyVerdict(decision.Trusted, decision.Status.ToWireString(), decision.Fingerprint, decision.RefusalMessage, keyBlob);
    }

    public void Accepted(string host, int port, HostKeyVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.Status == HostKeyStatus.NewlyTrusted.ToWireString())
        {
            _verifier.Remember(host, port, verdict.KeyBlob);
        }
    }
}
