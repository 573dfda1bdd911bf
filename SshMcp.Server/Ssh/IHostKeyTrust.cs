namespace SshMcp.Server.Ssh;

/// <summary>Decides whether a presented host key is trusted, and remembers keys trusted for the first time.</summary>
internal interface IHostKeyTrust
{
    /// <summary>Called during key exchange with the raw key blob; <paramref name="pinnedFingerprint"/> is the caller's pin.</summary>
    HostKeyVerdict Check(string host, int port, byte[] keyBlob, string? pinnedFingerprint);

    /// <summary>Called once the session authenticated, so that only hosts really used are remembered.</summary>
    void Accepted(string host, int port, HostKeyVerdict verdict);
}
