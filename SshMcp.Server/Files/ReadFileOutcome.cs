using Orleans;

namespace SshMcp.Server.Files;

/// <summary>What a read returned: the file's metadata, the bytes (inline) or where they went, and their hashes.</summary>
/// <param name="Path">The file's absolute path on the host.</param>
/// <param name="Mode">Permission bits.</param>
/// <param name="Content">The bytes read, when returned inline.</param>
/// <param name="Sha256">Of the bytes read.</param>
/// <param name="FileSha256">Of the whole file, when it was read whole.</param>
/// <param name="NextOffset">Where the next slice starts, when the file has more.</param>
/// <param name="Via">sftp or exec.</param>
[GenerateSerializer]
internal sealed record ReadFileOutcome(
    string Path,
    long Size,
    int Mode,
    DateTimeOffset? Modified,
    long Offset,
    long Bytes,
    byte[]? Content,
    string Sha256,
    string? FileSha256,
    long? NextOffset,
    string? LocalPath,
    string Via,
    string? Notice);
