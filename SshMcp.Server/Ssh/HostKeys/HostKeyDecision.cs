namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>
/// The verdict on a presented host key. <paramref name="Fingerprint"/> is always the presented key's
/// <c>SHA256:</c> fingerprint. A refused key has <paramref name="Status"/> <see cref="HostKeyStatus.Unchecked"/>
/// and a <paramref name="RefusalMessage"/> that says what happened and what to do; it is safe to show the agent.
/// </summary>
internal sealed record HostKeyDecision(bool Trusted, HostKeyStatus Status, string Fingerprint, string? RefusalMessage)
{
    public static HostKeyDecision Accept(HostKeyStatus status, string fingerprint) => new(true, status, fingerprint, null);

    public static HostKeyDecision Refuse(string fingerprint, string message) =>
        new(false, HostKeyStatus.Unchecked, fingerprint, message);
}
