using ModelContextProtocol.Client;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>
/// A write cut off half-way, by a dropped connection or by the caller, leaves the old content and no temp file: the
/// host's side of the write undoes it. Over SFTP (<see cref="SftpInterruptionTests"/>) and shell tools
/// (<see cref="ExecInterruptionTests"/>).
/// </summary>
public abstract class FileInterruptionTests(SshdFixture sshd) : FileTestBase(sshd)
{
    private const long Big = 256L * 1024 * 1024;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Write_ConnectionKilledHalfWay_LeavesTheOldContentAndNoTempFile(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        await Server.ExecAsync(session, "printf 'old content' > target.bin");
        var (name, _) = await RandomLocalFileAsync(Big);

        var write = Server.Client.CallToolAsync(ToolNames.WriteFile, Arguments(session, name)).AsTask();
        Assert.True(await TempFileGrowsAsync(directory), "the upload never started writing its temp file");
        await Sshd.KillConnectionProcessesAsync(CancellationToken.None);
        var result = await write.WaitAsync(Deadline);

        Assert.True(result.IsError);
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(TempFiles(directory).Length == 0), Deadline, CancellationToken.None), "the temp file outlived the connection");
        Assert.Equal("old content", await File.ReadAllTextAsync($"{directory}/target.bin"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Write_CancelledHalfWay_LeavesTheOldContentNoTempFileAndAWorkingSession(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        await Server.ExecAsync(session, "printf 'old content' > target.bin");
        var (name, _) = await RandomLocalFileAsync(Big);
        using var cancel = new CancellationTokenSource();

        var write = Server.Client.CallToolAsync(ToolNames.WriteFile, Arguments(session, name), cancellationToken: cancel.Token).AsTask();
        Assert.True(await TempFileGrowsAsync(directory), "the upload never started writing its temp file");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(Deadline));
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(TempFiles(directory).Length == 0), Deadline, CancellationToken.None), "the temp file outlived the cancellation");
        Assert.Equal("old content", await File.ReadAllTextAsync($"{directory}/target.bin"));
        Assert.Equal("old content", (await ReadAsync(session, "target.bin")).Content);
    }

    private static Dictionary<string, object?> Arguments(string session, string localPath) => new()
    {
        ["sessionId"] = session,
        ["path"] = "target.bin",
        ["localPath"] = localPath,
    };

    private static Task<bool> TempFileGrowsAsync(string directory) =>
        Poll.UntilAsync(_ => Task.FromResult(TempFiles(directory).Any(f => new FileInfo(f).Length > 1024 * 1024)), Deadline, CancellationToken.None);

    private static string[] TempFiles(string directory) => Directory.GetFiles(directory, ".target.bin.sshmcp-*.tmp");
}
