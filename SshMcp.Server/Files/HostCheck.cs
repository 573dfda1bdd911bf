using System.Globalization;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Files;

/// <summary>What the host found after a write: the file's size, and the sha256 of the bytes written and of the whole file (null without a sha256 tool).</summary>
internal sealed record HostCheck(long Size, string? WrittenSha256, string? FileSha256)
{
    /// <summary>Throws unless the host holds <paramref name="size"/> bytes and, where it could hash them, the bytes sent.</summary>
    public void Verify(long size, string sentSha256, string path)
    {
        if (Size != size)
        {
            throw Failures.WriteCheckFailed(path, string.Create(CultureInfo.InvariantCulture, $"{Size} bytes instead of {size}"));
        }

        if (WrittenSha256 is { } hostSha256 && hostSha256 != sentSha256)
        {
            throw Failures.WriteCheckFailed(path, $"sha256 {hostSha256} instead of {sentSha256}");
        }
    }
}
