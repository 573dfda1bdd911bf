using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh.Agent;

/// <summary>
/// A certificate authority and an sshd that trusts it (TrustedUserCAKeys) with an empty authorized_keys: only a
/// certificate from <see cref="Authority"/> logs in.
/// </summary>
public sealed class CertificateSshdFixture : IAsyncLifetime
{
    public TestCertificateAuthority Authority { get; private set; } = null!;

    public SshdFixture Sshd { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Authority = await TestCertificateAuthority.CreateAsync(timeout.Token);
        Sshd = SshdFixture.Create(new SshdOptions
        {
            Variant = SshdVariant.KeyOnly,
            TrustedUserCAKeys = Authority.PublicKeyPath,
            AuthorizeFixtureKey = false,
        });
        await Sshd.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Sshd.DisposeAsync();
        }
        finally
        {
            Authority.Dispose();
        }
    }
}
