using System.Security.Cryptography;

namespace SshMcp.TestKit;

/// <summary>ed25519 key pairs made by ssh-keygen, and fingerprints computed the way ssh-keygen prints them.</summary>
public static class SshKeys
{
    /// <summary>Writes an unencrypted key to <paramref name="path"/> and its .pub beside it, replacing any old pair.</summary>
    public static async Task GenerateEd25519Async(string path, string comment, CancellationToken cancellationToken)
    {
        // ssh-keygen would stop and ask before overwriting.
        File.Delete(path);
        File.Delete(path + ".pub");
        await LocalCommand.RunCheckedAsync(
            "ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path], cancellationToken);
    }

    /// <summary><c>SHA256:</c> and the unpadded base64 SHA-256 of the key blob in a .pub line ("type blob comment").</summary>
    public static string FingerprintSha256(string publicKeyLine)
    {
        var blob = Convert.FromBase64String(publicKeyLine.Split(' ')[1]);
        return "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }
}
