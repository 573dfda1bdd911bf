using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>
/// Each bad input gets an error that names the path and the next step, and leaves the target as it was (and no temp
/// file beside it). Over SFTP (<see cref="SftpBadInputTests"/>) and shell tools (<see cref="ExecBadInputTests"/>).
/// </summary>
public abstract class FileBadInputTests(SshdFixture sshd) : FileTestBase(sshd)
{
    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Read_MissingFile_SaysSoWithThePath(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);

        var error = await ErrorAsync(ToolNames.ReadFile, session, "nothing-here.txt");

        Assert.Contains($"No file {directory}/nothing-here.txt", error, StringComparison.Ordinal);
        Assert.Contains("cwd", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ReadAndWrite_Directory_SayItIsADirectory(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        await Server.ExecAsync(session, "mkdir sub");

        var read = await ErrorAsync(ToolNames.ReadFile, session, "sub");
        var write = await ErrorAsync(ToolNames.WriteFile, session, "sub", new() { ["content"] = "x" });

        Assert.Contains($"{directory}/sub is a directory", read, StringComparison.Ordinal);
        Assert.Contains($"{directory}/sub is a directory", write, StringComparison.Ordinal);
        Assert.True(Directory.Exists($"{directory}/sub"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ReadAndWrite_NoPermission_SayWhoMayNotDoWhat(string transport)
    {
        var (session, _) = await OpenInNewDirectoryAsync(transport);

        var read = await ErrorAsync(ToolNames.ReadFile, session, "/etc/shadow");
        var write = await ErrorAsync(ToolNames.WriteFile, session, "/etc/sshmcp-test.conf", new() { ["content"] = "x" });

        Assert.Contains($"Permission denied: {Sshd.Username} may not read /etc/shadow", read, StringComparison.Ordinal);
        Assert.Contains($"{Sshd.Username} may not create files in /etc", write, StringComparison.Ordinal);
        Assert.Contains("sudo", write, StringComparison.Ordinal);
        Assert.False(File.Exists("/etc/sshmcp-test.conf"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Write_FileOfAnotherOwner_IsRefusedAndLeftAsItWas(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        var path = $"{directory}/roots.conf";
        await File.WriteAllTextAsync(path, "root's");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110); // writable by the user, but owned by root

        var error = await ErrorAsync(ToolNames.WriteFile, session, "roots.conf", new() { ["content"] = "mine" });

        Assert.Contains($"{path} belongs to 0:0", error, StringComparison.Ordinal);
        Assert.Contains("append", error, StringComparison.Ordinal);
        Assert.Equal("root's", await File.ReadAllTextAsync(path));
        AssertNoTempFile(directory);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Write_DiskFullHalfWay_FailsAndLeavesTheOldContent(string transport)
    {
        await using var disk = await SmallDisk.MountAsync(1024 * 1024, CancellationToken.None);
        var (session, _) = await OpenInNewDirectoryAsync(transport);
        await Server.ExecAsync(session, $"cd {disk.Path} && printf 'old content' > data.bin");
        var (name, _) = await RandomLocalFileAsync(3 * 1024 * 1024);

        var error = await ErrorAsync(ToolNames.WriteFile, session, "data.bin", new() { ["localPath"] = name });

        Assert.Contains($"Writing {disk.Path}/data.bin failed on the host after", error, StringComparison.Ordinal);
        Assert.Contains("was left as it was", error, StringComparison.Ordinal);
        Assert.Contains("free space", error, StringComparison.Ordinal);
        Assert.Equal("old content", await File.ReadAllTextAsync($"{disk.Path}/data.bin"));
        AssertNoTempFile(disk.Path);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Write_InvalidBase64_NamesThePathAndWritesNothing(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        await Server.ExecAsync(session, "printf old > kept.txt");

        var error = await ErrorAsync(ToolNames.WriteFile, session, "kept.txt", new() { ["content"] = "not base64!", ["encoding"] = "base64" });

        Assert.Contains("not valid base64", error, StringComparison.Ordinal);
        Assert.Contains("kept.txt", error, StringComparison.Ordinal);
        Assert.Equal("old", await File.ReadAllTextAsync($"{directory}/kept.txt"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task LocalPath_OutsideTheRoot_IsRefused(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        await Server.ExecAsync(session, "printf secret > remote.txt");
        File.CreateSymbolicLink(Path.Combine(LocalRoot, "escape"), "/tmp");

        var dotDot = await ErrorAsync(ToolNames.ReadFile, session, "remote.txt", new() { ["localPath"] = "../stolen.txt" });
        var absolute = await ErrorAsync(ToolNames.WriteFile, session, "remote.txt", new() { ["localPath"] = "/etc/passwd" });
        var throughLink = await ErrorAsync(ToolNames.ReadFile, session, "remote.txt", new() { ["localPath"] = "escape/stolen.txt" });

        Assert.All([dotDot, absolute, throughLink], error => Assert.Contains("is outside the directory this server may use", error, StringComparison.Ordinal));
        Assert.Contains("/etc/passwd", absolute, StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/stolen.txt"));
        Assert.Equal("secret", await File.ReadAllTextAsync($"{directory}/remote.txt"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Arguments_ThatCannotWork_AreRefusedBeforeTheHost(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        await Server.ExecAsync(session, "printf 12345 > five.txt");

        var both = await ErrorAsync(ToolNames.WriteFile, session, "five.txt", new() { ["content"] = "x", ["localPath"] = "x" });
        var neither = await ErrorAsync(ToolNames.WriteFile, session, "five.txt");
        var badMode = await ErrorAsync(ToolNames.WriteFile, session, "five.txt", new() { ["content"] = "x", ["mode"] = "999" });
        var pastEnd = await ErrorAsync(ToolNames.ReadFile, session, "five.txt", new() { ["offset"] = 6 });

        Assert.Contains("exactly one of content and localPath for five.txt", both, StringComparison.Ordinal);
        Assert.Contains("exactly one of content and localPath", neither, StringComparison.Ordinal);
        Assert.Contains("mode must be octal", badMode, StringComparison.Ordinal);
        Assert.Contains($"offset 6 is past the end of {directory}/five.txt (5 bytes)", pastEnd, StringComparison.Ordinal);
        Assert.Equal("12345", await File.ReadAllTextAsync($"{directory}/five.txt"));
    }

    protected static void AssertNoTempFile(string directory) =>
        Assert.Empty(Directory.GetFiles(directory, "*.sshmcp-*.tmp"));
}
