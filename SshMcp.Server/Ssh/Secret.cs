using System.Security.Cryptography;
using System.Text;

namespace SshMcp.Server.Ssh;

/// <summary>
/// A secret a person typed (a password, a passphrase, a one-time code): UTF-8 in an array this object owns, pinned so
/// that the garbage collector never leaves a copy behind when it compacts, and zeroed on <see cref="Dispose"/>. The
/// only string it ever becomes is the one <see cref="Reveal"/> makes for an API that takes nothing else, at the moment
/// of use.
/// </summary>
internal sealed class Secret : IDisposable
{
    private byte[]? _utf8;

    private Secret(byte[] utf8)
    {
        _utf8 = utf8;
    }

    /// <summary>A copy of <paramref name="utf8"/>; the caller clears its own buffer.</summary>
    public static Secret FromUtf8(ReadOnlySpan<byte> utf8)
    {
        var copy = GC.AllocateUninitializedArray<byte>(utf8.Length, pinned: true);
        utf8.CopyTo(copy);
        return new Secret(copy);
    }

    /// <summary>
    /// The array itself, not a copy, for an API that keeps it (SSH.NET's password method): it is zeroed when this
    /// secret is disposed, so dispose only once that API is done with it.
    /// </summary>
    public byte[] Utf8 => _utf8 ?? throw new ObjectDisposedException(nameof(Secret));

    public string Reveal() => Encoding.UTF8.GetString(Utf8);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _utf8, null) is { } bytes)
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Never the value, whatever prints it.</summary>
    public override string ToString() => "(secret)";
}
