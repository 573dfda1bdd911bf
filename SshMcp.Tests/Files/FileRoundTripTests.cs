using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>
/// Files go to the host and back unchanged, inline and streamed; sha256 agrees on both sides. Over SFTP
/// (<see cref="SftpRoundTripTests"/>) and over shell tools (<see cref="ExecRoundTripTests"/>).
/// </summary>
public abstract class FileRoundTripTests(SshdFixture sshd) : FileTestBase(sshd)
{
    public static TheoryData<string, long> SizesOnEachTransport()
    {
        var data = new TheoryData<string, long>();
        foreach (var transport in TransportNames)
        {
            foreach (var size in new long[] { 0, 1, 1024 * 1024 })
            {
                data.Add(transport, size);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SizesOnEachTransport))]
    public async Task WriteThenRead_LocalPath_SameBytesAndSha256OnBothSides(string transport, long size)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        var (name, sha256) = await RandomLocalFileAsync(size);

        var written = await WriteAsync(session, "copy.bin", new() { ["localPath"] = name });
        var read = await ReadAsync(session, "copy.bin", new() { ["localPath"] = "back.bin" });

        Assert.Equal($"{directory}/copy.bin", written.Path);
        Assert.Equal(size, written.Size);
        Assert.Equal(sha256, written.Sha256);
        Assert.Equal(sha256, await Sha256OfFileAsync($"{directory}/copy.bin"));
        Assert.Equal(size, read.Bytes);
        Assert.Equal(sha256, read.Sha256);
        Assert.Equal(sha256, read.FileSha256);
        Assert.Equal(sha256, await Sha256OfFileAsync(Path.Combine(LocalRoot, "back.bin")));
        Assert.Null(read.Content);
        Assert.Equal(Via, read.Via);
        Assert.Equal(Via, written.Via);
    }

    [Theory]
    [MemberData(nameof(SizesOnEachTransport))]
    public async Task WriteThenRead_Base64Inline_SameBytes(string transport, long size)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes((int)Math.Min(size, 200_000));

        var written = await WriteAsync(session, "inline.bin", new() { ["content"] = Convert.ToBase64String(bytes), ["encoding"] = "base64" });
        var read = await ReadAsync(session, "inline.bin", new() { ["encoding"] = "base64", ["maxBytes"] = bytes.Length });

        Assert.Equal(bytes, await File.ReadAllBytesAsync($"{directory}/inline.bin"));
        Assert.Equal(bytes, Convert.FromBase64String(read.Content!));
        Assert.Equal(written.Sha256, read.FileSha256);
        Assert.Null(read.NextOffset);
    }
}
