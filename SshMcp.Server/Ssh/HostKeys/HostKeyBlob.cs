using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>What can be read from an SSH public key blob (RFC 4253 §6.6) without knowing its algorithm.</summary>
internal static class HostKeyBlob
{
    private const string Sha256Prefix = "SHA256:";
    private const int Sha256Length = 32;
    private const int MaxKeyTypeLength = 64;

    /// <summary>
    /// The key type is the blob's first length-prefixed string (<c>ssh-rsa</c>, <c>ssh-ed25519</c>,
    /// <c>ecdsa-sha2-nistp256</c>...). It is what known_hosts records, unlike SSH.NET's HostKeyName, which
    /// is the negotiated signature algorithm (<c>rsa-sha2-512</c> for an ssh-rsa key).
    /// </summary>
    public static bool TryReadKeyType(ReadOnlySpan<byte> blob, [NotNullWhen(true)] out string? keyType)
    {
        keyType = null;
        if (blob.Length < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length is 0 or > MaxKeyTypeLength || length > (uint)(blob.Length - 4))
        {
            return false;
        }

        var name = blob.Slice(4, (int)length);
        foreach (var b in name)
        {
            if (b is <= 0x20 or >= 0x7f)
            {
                return false;
            }
        }

        keyType = Encoding.ASCII.GetString(name);
        return true;
    }

    /// <summary><c>SHA256:</c> and the unpadded base64 of the blob's SHA-256, exactly as <c>ssh-keygen -lf</c> prints it.</summary>
    public static string Sha256Fingerprint(ReadOnlySpan<byte> blob) =>
        Sha256Prefix + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    /// <summary>
    /// Brings a fingerprint typed by a person to the <see cref="Sha256Fingerprint"/> form: surrounding spaces,
    /// a missing or differently cased <c>SHA256:</c> prefix and trailing <c>=</c> padding are tolerated. Anything
    /// that is not the base64 of 32 bytes is rejected.
    /// </summary>
    public static bool TryNormalizeFingerprint(string text, [NotNullWhen(true)] out string? fingerprint)
    {
        fingerprint = null;
        var body = text.Trim();
        if (body.StartsWith(Sha256Prefix, StringComparison.OrdinalIgnoreCase))
        {
            body = body[Sha256Prefix.Length..];
        }

        body = body.TrimEnd('=');
        var padded = body.PadRight((body.Length + 3) / 4 * 4, '=');
        Span<byte> hash = stackalloc byte[Sha256Length + 3];
        if (!Convert.TryFromBase64String(padded, hash, out var written) || written != Sha256Length)
        {
            return false;
        }

        fingerprint = Sha256Prefix + body;
        return true;
    }
}
