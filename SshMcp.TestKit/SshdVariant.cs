namespace SshMcp.TestKit;

/// <summary>Which authentication methods the test sshd offers.</summary>
public enum SshdVariant
{
    /// <summary>Password and public key, without PAM.</summary>
    Default,

    /// <summary>Only keyboard-interactive, answered by PAM with a "Password: " prompt.</summary>
    KeyboardInteractiveOnly,

    /// <summary>Only public key.</summary>
    KeyOnly,
}
