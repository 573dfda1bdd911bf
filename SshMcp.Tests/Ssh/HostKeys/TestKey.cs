namespace SshMcp.Tests.Ssh.HostKeys;

/// <summary>A public key made by ssh-keygen: its type, its blob and its .pub file.</summary>
internal sealed record TestKey(string Type, byte[] Blob, string PublicKeyPath)
{
    public string Base64 => Convert.ToBase64String(Blob);

    /// <summary>A known_hosts line for <paramref name="hosts"/>.</summary>
    public string Line(string hosts) => $"{hosts} {Type} {Base64}";
}
