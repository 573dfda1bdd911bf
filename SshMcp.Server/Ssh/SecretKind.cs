namespace SshMcp.Server.Ssh;

/// <summary>What a person is asked for while a login waits.</summary>
internal enum SecretKind
{
    /// <summary>The account's password (SSH's password method).</summary>
    Password,

    /// <summary>The passphrase of an encrypted private key.</summary>
    Passphrase,

    /// <summary>A keyboard-interactive prompt: a password through PAM, a one-time code, a PIN.</summary>
    Interactive,
}
