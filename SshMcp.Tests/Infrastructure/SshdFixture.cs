namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// The test kit's <see cref="TestSshd"/> as an xunit fixture: xunit starts and stops it through its public
/// InitializeAsync and DisposeAsync. A variant for a test class derives with a parameterless constructor (xunit
/// wants exactly one).
/// </summary>
public class SshdFixture : TestSshd, IAsyncLifetime
{
    /// <summary>The default variant: password and public key, without PAM.</summary>
    public SshdFixture()
    {
    }

    protected SshdFixture(SshdOptions options)
        : base(options)
    {
    }

    /// <summary>A server of its own for one test; the test calls InitializeAsync and DisposeAsync itself.</summary>
    public static SshdFixture Create(SshdOptions options) => new(options);
}
