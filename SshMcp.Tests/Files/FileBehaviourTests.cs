using System.Text;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>
/// Paths, modes, appends and text slices behave as a terminal user would expect, over SFTP
/// (<see cref="SftpFileBehaviourTests"/>) and over shell tools (<see cref="ExecFileBehaviourTests"/>).
/// </summary>
public abstract class FileBehaviourTests(SshdFixture sshd) : FileTestBase(sshd)
{
    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Write_RelativePathAfterCd_LandsInThatDirectory(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        await Server.ExecAsync(session, "mkdir -p deeper/still && cd deeper/still");

        var written = await WriteAsync(session, "here.txt", new() { ["content"] = "after cd\n" });
        var read = await ReadAsync(session, "../still/here.txt");

        Assert.Equal($"{directory}/deeper/still/here.txt", written.Path);
        Assert.Equal("after cd\n", await File.ReadAllTextAsync($"{directory}/deeper/still/here.txt"));
        Assert.Equal("after cd\n", read.Content);
        Assert.True(written.Created);
        Assert.Equal(Via, written.Via);
        Assert.Equal(Via, read.Via);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Write_ExistingFile_KeepsItsModeUnlessOneIsGiven(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        await Server.ExecAsync(session, "printf old > kept.sh && chmod 0750 kept.sh && printf old > set.txt && chmod 0644 set.txt");

        var kept = await WriteAsync(session, "kept.sh", new() { ["content"] = "#!/bin/sh\necho new\n" });
        var set = await WriteAsync(session, "set.txt", new() { ["content"] = "new", ["mode"] = "0600" });
        var created = await WriteAsync(session, "fresh.txt", new() { ["content"] = "new", ["mode"] = "640" });

        Assert.Equal("0750", kept.Mode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode($"{directory}/kept.sh"));
        Assert.False(kept.Created);
        Assert.Equal("0600", set.Mode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode($"{directory}/set.txt"));
        Assert.Equal("0640", created.Mode);
        Assert.Equal("#!/bin/sh\necho new\n", await File.ReadAllTextAsync($"{directory}/kept.sh"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Write_ThroughSymbolicLink_ReplacesTheTargetAndKeepsTheLink(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        await Server.ExecAsync(session, "mkdir real && printf old > real/config && ln -s real/config link");

        var written = await WriteAsync(session, "link", new() { ["content"] = "new" });

        Assert.Equal($"{directory}/real/config", written.Path);
        Assert.Equal("new", await File.ReadAllTextAsync($"{directory}/real/config"));
        Assert.NotNull(new FileInfo($"{directory}/link").LinkTarget);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Write_Append_AddsToTheSameFileAndReturnsItsNewSizeAndSha256(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        await Server.ExecAsync(session, "printf 'line 1\\n' > log.txt");
        var inode = (await Server.ExecAsync(session, "ls -i log.txt")).Stdout.Split(' ')[0];

        var appended = await WriteAsync(session, "log.txt", new() { ["content"] = "line 2\n", ["append"] = true });

        Assert.Equal("line 1\nline 2\n", await File.ReadAllTextAsync($"{directory}/log.txt"));
        Assert.Equal(14, appended.Size);
        Assert.Equal(7, appended.BytesWritten);
        Assert.Equal(await Sha256OfFileAsync($"{directory}/log.txt"), appended.Sha256);
        Assert.Equal(inode, (await Server.ExecAsync(session, "ls -i log.txt")).Stdout.Split(' ')[0]);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Write_CreateDirs_MakesTheMissingDirectories(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);

        var written = await WriteAsync(session, "a/b/c/file.txt", new() { ["content"] = "deep", ["createDirs"] = true });

        Assert.Equal($"{directory}/a/b/c/file.txt", written.Path);
        Assert.Equal("deep", await File.ReadAllTextAsync(written.Path));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Read_Utf8TextInSmallSlices_ReassemblesExactly(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        var text = string.Concat(Enumerable.Repeat("Grüße, 世界! 🎉 ça va? ", 5)) + "end";
        await File.WriteAllTextAsync($"{directory}/utf8.txt", text, new UTF8Encoding(false));

        var parts = new List<string>();
        long? offset = 0;
        var slices = 0;
        while (offset is { } next)
        {
            var slice = await ReadAsync(session, "utf8.txt", new() { ["offset"] = next, ["maxBytes"] = 13 });
            Assert.DoesNotContain('\uFFFD', slice.Content!);
            Assert.Equal(Encoding.UTF8.GetByteCount(slice.Content!), slice.Bytes);
            parts.Add(slice.Content!);
            offset = slice.NextOffset;
            slices++;
        }

        Assert.Equal(text, string.Concat(parts));
        Assert.True(slices > Encoding.UTF8.GetByteCount(text) / 13);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Read_FileLargerThanTheInlineDefault_ReturnsTheFirstPartAndPointsOn(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        await File.WriteAllTextAsync($"{directory}/big.log", new string('x', 100_000));

        var read = await ReadAsync(session, "big.log");

        Assert.Equal(32_768, read.Bytes);
        Assert.Equal(32_768, read.NextOffset);
        Assert.Equal(100_000, read.Size);
        Assert.Null(read.FileSha256);
        Assert.Contains("offset 32768", read.Notice, StringComparison.Ordinal);
        Assert.Contains("localPath", read.Notice, StringComparison.Ordinal);
    }
}
