namespace SshMcp.Tests.Infrastructure;

/// <summary>An sshd that offers only keyboard-interactive authentication, through PAM.</summary>
public sealed class KeyboardInteractiveSshdFixture() : SshdFixture(new SshdOptions { Variant = SshdVariant.KeyboardInteractiveOnly });
