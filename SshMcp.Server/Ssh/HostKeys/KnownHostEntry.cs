namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>One usable known_hosts line: who it is for, the key, and where it was read (for messages).</summary>
internal sealed record KnownHostEntry(
    KnownHostMarker Marker,
    HostPatternList Hosts,
    string KeyType,
    byte[] KeyBlob,
    string FilePath,
    int LineNumber)
{
    public string Fingerprint { get; } = HostKeyBlob.Sha256Fingerprint(KeyBlob);

    public bool HasKey(ReadOnlySpan<byte> blob) => blob.SequenceEqual(KeyBlob);
}
