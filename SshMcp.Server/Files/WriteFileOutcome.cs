using Orleans;

namespace SshMcp.Server.Files;

/// <summary>What a write left on the host.</summary>
/// <param name="Path">The file's absolute path on the host (a symbolic link's target when the path was a link).</param>
/// <param name="Size">The file's size after the write.</param>
/// <param name="Sha256">Of the whole file after the write, as the host computed it (see <paramref name="Verified"/>).</param>
/// <param name="Verified">False when the host had no sha256 tool: then the hash is of the bytes sent.</param>
/// <param name="Created">The file did not exist before.</param>
[GenerateSerializer]
internal sealed record WriteFileOutcome(
    string Path,
    long Size,
    int Mode,
    long BytesWritten,
    string Sha256,
    bool Verified,
    bool Created,
    string Via,
    string? Notice);
