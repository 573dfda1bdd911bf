namespace SshMcp.Tests.Infrastructure;

/// <summary>An sshd that offers only public-key authentication.</summary>
public sealed class KeyOnlySshdFixture() : SshdFixture(new SshdOptions { Variant = SshdVariant.KeyOnly });
