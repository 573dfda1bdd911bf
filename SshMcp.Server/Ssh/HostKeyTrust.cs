using System.Security.Cryptography;

namespace SshMcp.Server.Ssh;

/// <summary>Interim trust: records the fingerprint and accepts the key. Replaced by the known_hosts verifier.</summary>
internal sealed class HostKeyTrust : IHostKeyTrust
{
    public HostKeyVerdict Check(string host, int port, byte[] keyBlob, string? pinnedFingerprint)
    {
        var fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');
        if (pinnedFingerprint is not null && !string.Equals(pinnedFingerprint.TrimEnd('='), fingerprint, StringComparison.Ordinal))
        {
            return new HostKeyVerdict(false, "pinned", fingerprint, $"The host key of {host}:{port} is {fingerprint}, not the pinned {pinnedFingerprint}.", keyBlob);
        }

        return new HostKeyVerdict(true, pinnedFingerprint is null ? "unchecked" : "pinned", fingerprint, null, keyBlob);
    }

    public void Accepted(string host, int port, HostKeyVerdict verdict)
    {
    }
}
