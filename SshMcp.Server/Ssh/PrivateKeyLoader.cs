using System.Security.Cryptography;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Security;

namespace SshMcp.Server.Ssh;

/// <summary>
/// Reads private keys (and a certificate for them) into SSH.NET, turning its exceptions into messages from
/// <see cref="CredentialMessages"/>. Key text stays in memory only as long as the load needs it.
/// </summary>
internal static class PrivateKeyLoader
{
    public static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SshFailureException(SshFailureKind.BadKey, CredentialMessages.KeyFileUnreadable(path, ex.Message));
        }
    }

    /// <summary>Loads a key; with <paramref name="certificateLine"/> (a -cert.pub line) the certificate comes first.</summary>
    public static PrivateKeyFile Load(string text, string? passphrase, string source, string? certificateLine = null)
    {
        try
        {
            using var key = new MemoryStream(Encoding.UTF8.GetBytes(text));
            using var certificate = certificateLine is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(certificateLine));
            return new PrivateKeyFile(key, string.IsNullOrEmpty(passphrase) ? null : passphrase, certificate);
        }
        catch (SshPassPhraseNullOrEmptyException ex)
        {
            throw new SshFailureException(SshFailureKind.BadKey, CredentialMessages.KeyEncrypted(source), ex);
        }
        catch (CryptographicException)
        {
            throw new SshFailureException(SshFailureKind.BadKey, CredentialMessages.WrongPassphrase(source));
        }
        catch (SshException ex) when (ex.Message.Contains("check bytes", StringComparison.OrdinalIgnoreCase))
        {
            throw new SshFailureException(SshFailureKind.BadKey, CredentialMessages.WrongPassphrase(source));
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or FormatException or NotSupportedException or InvalidOperationException)
        {
            throw new SshFailureException(SshFailureKind.BadKey, CredentialMessages.KeyFormat(source));
        }
    }

    /// <summary>True when <paramref name="failure"/> came from <see cref="Load"/> for a key that needs a passphrase.</summary>
    public static bool NeedsPassphrase(SshFailureException failure) => failure.InnerException is SshPassPhraseNullOrEmptyException;

    /// <summary>True when SSH.NET's parse of <paramref name="certificate"/> certifies <paramref name="key"/>.</summary>
    public static bool Certifies(Certificate certificate, PrivateKeyFile key) =>
        certificate.Key.Public.AsSpan().SequenceEqual(key.Key.Public);
}
