using System.Globalization;

namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// A user certificate authority made with <c>ssh-keygen</c>: give <see cref="PublicKeyPath"/> to sshd's
/// TrustedUserCAKeys and sign users' public keys with <see cref="SignAsync"/>.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private int _serial;

    private TestCertificateAuthority(string directory) => Directory = directory;

    public string Directory { get; }

    public string PublicKeyPath => Path.Combine(Directory, "ca.pub");

    private string PrivateKeyPath => Path.Combine(Directory, "ca");

    public static async Task<TestCertificateAuthority> CreateAsync(CancellationToken cancellationToken)
    {
        // sshd reads the CA's public key; the CA's private key file itself is 0600.
        var directory = System.IO.Directory.CreateTempSubdirectory("sshmcp-ca-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var authority = new TestCertificateAuthority(directory);
        await LocalCommand.RunCheckedAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "sshmcp-test-ca", "-f", authority.PrivateKeyPath], cancellationToken);
        return authority;
    }

    /// <summary>
    /// Signs the public key file <paramref name="publicKeyPath"/> (<c>KEY.pub</c>) into <c>KEY-cert.pub</c> for
    /// <paramref name="principals"/>, valid as <c>ssh-keygen -V</c> reads <paramref name="validity"/> (e.g. <c>-5m:+1h</c>,
    /// <c>20200101:20200102</c>). Returns the certificate's path.
    /// </summary>
    public async Task<string> SignAsync(string publicKeyPath, IEnumerable<string> principals, string validity, CancellationToken cancellationToken)
    {
        var serial = Interlocked.Increment(ref _serial).ToString(CultureInfo.InvariantCulture);
        var arguments = new List<string> { "-q", "-s", PrivateKeyPath, "-I", $"sshmcp-test-{serial}", "-z", serial, "-V", validity };
        if (string.Join(',', principals) is { Length: > 0 } list)
        {
            arguments.AddRange(["-n", list]);
        }

        await LocalCommand.RunCheckedAsync("ssh-keygen", [.. arguments, publicKeyPath], cancellationToken);
        return publicKeyPath[..^".pub".Length] + "-cert.pub";
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
