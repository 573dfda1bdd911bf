using System.Globalization;

namespace SshMcp.Tests.Infrastructure;

/// <summary>A key pair made by ssh-keygen: the private key as text and the public key line.</summary>
internal sealed record TestKeyPair(string Type, string PrivateKeyText, string PublicKeyLine)
{
    /// <summary>
    /// Makes a key in <paramref name="directory"/> (a private one) and deletes its files unless
    /// <paramref name="keepFiles"/>: an agent test's key then exists nowhere on disk.
    /// </summary>
    public static async Task<TestKeyPair> GenerateAsync(
        string type, string directory, CancellationToken cancellationToken, string? passphrase = null, bool keepFiles = false, string? name = null)
    {
        var path = Path.Combine(directory, name ?? $"{type}-{Guid.NewGuid():N}");
        var arguments = new List<string> { "-q", "-t", type, "-N", passphrase ?? "", "-C", $"test-{type}", "-f", path };
        if (Bits(type) is { } bits)
        {
            arguments.AddRange(["-b", bits.ToString(CultureInfo.InvariantCulture)]);
        }

        await LocalCommand.RunCheckedAsync("ssh-keygen", arguments, cancellationToken);
        var pair = new TestKeyPair(
            type, await File.ReadAllTextAsync(path, cancellationToken), (await File.ReadAllTextAsync(path + ".pub", cancellationToken)).Trim());
        if (!keepFiles)
        {
            File.Delete(path);
            File.Delete(path + ".pub");
        }

        return pair;
    }

    /// <summary>The public key blob (the base64 field of the .pub line).</summary>
    public byte[] PublicBlob => Convert.FromBase64String(PublicKeyLine.Split(' ')[1]);

    // Never print the private key (records print every property by default).
    public override string ToString() => PublicKeyLine;

    private static int? Bits(string type) => type switch
    {
        "rsa" => 2048,
        "ecdsa" => 256,
        _ => null,
    };
}
