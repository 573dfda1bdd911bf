using System.Text.Json.Serialization;

namespace SshMcp.Server.Tools;

/// <summary>The result of <c>ssh_read_file</c>. Optional fields are absent when they say nothing.</summary>
/// <param name="Path">The file's absolute path on the host.</param>
/// <param name="Mode">Permission bits, octal (0644).</param>
/// <param name="Mtime">Last modification, UTC (ISO 8601).</param>
/// <param name="Bytes">Bytes read.</param>
/// <param name="Sha256">Of the bytes read.</param>
/// <param name="Offset">Where the bytes read start (absent: 0).</param>
/// <param name="Content">The bytes read, as text or base64 (absent with localPath).</param>
/// <param name="FileSha256">Of the whole file, when it was read whole.</param>
/// <param name="NextOffset">Where the rest starts, when there is more.</param>
/// <param name="LocalPath">Where the bytes were written on the server's machine.</param>
/// <param name="Via">exec when the host has no SFTP server (else SFTP was used).</param>
public sealed record ReadFileResult(
    string Path,
    long Size,
    string Mode,
    long Bytes,
    string Sha256,
    string? Mtime = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long Offset = 0,
    string? Content = null,
    string? FileSha256 = null,
    long? NextOffset = null,
    string? LocalPath = null,
    string? Via = null,
    string? Notice = null);
