namespace SshMcp.Server.Ssh;

/// <summary>What <c>ssh_open</c> was given. Holds secrets: never log it, never put it in an exception message.</summary>
internal sealed record OpenRequest(
    string Host,
    int Port,
    string Username,
    string? Password,
    string? PrivateKey,
    string? PrivateKeyPath,
    string? Passphrase,
    string? HostKeyFingerprint,
    TimeSpan ConnectTimeout,
    string? Transport = null)
{
    /// <summary>What the target's ssh_config says about identities; none by default.</summary>
    public ConfiguredIdentities Identities { get; init; } = ConfiguredIdentities.None;

    /// <summary>
    /// The address the target allow list checked (see <c>TargetGate</c>): the transport connects there rather than
    /// resolving <see cref="Host"/> again, which DNS could answer differently. Null when no list is configured.
    /// </summary>
    public string? ConnectAddress { get; init; }

    /// <summary>Who to ask for a secret the call did not give; null when nobody can be asked (the errors of old).</summary>
    public ISecretPrompter? Prompter { get; init; }

    // Keep secrets out of any accidental ToString (records print every property by default).
    public override string ToString() => $"{Username}@{Host}:{Port}";
}
