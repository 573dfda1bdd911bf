using System.Text.Json.Serialization;

namespace SshMcp.Server.Tools;

/// <summary>The result of <c>ssh_write_file</c>: the file as the host has it after the write.</summary>
/// <param name="Path">The file's absolute path on the host (a symbolic link's target when the path was a link).</param>
/// <param name="Size">The file's size now.</param>
/// <param name="Mode">Permission bits, octal (0644).</param>
/// <param name="Sha256">Of the whole file, computed on the host.</param>
/// <param name="BytesWritten">Bytes sent.</param>
/// <param name="Created">Present (true) when the file did not exist before.</param>
/// <param name="Via">exec when the host has no SFTP server (else SFTP was used).</param>
public sealed record WriteFileResult(
    string Path,
    long Size,
    string Mode,
    string Sha256,
    long BytesWritten,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Created = false,
    string? Via = null,
    string? Notice = null);
