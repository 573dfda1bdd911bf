namespace SshMcp.Server.Ssh.Agent;

/// <summary>Reads the blob of an OpenSSH public key or certificate file (<c>type base64 comment</c>: a .pub or -cert.pub).</summary>
internal static class PublicKeyFile
{
    /// <summary>The blob, or null when the file is missing, unreadable or not one key line.</summary>
    public static byte[]? TryRead(string path)
    {
        try
        {
            var fields = File.ReadAllText(path).Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 2 ? Convert.FromBase64String(fields[1]) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
