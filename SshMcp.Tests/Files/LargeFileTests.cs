using System.Collections.Concurrent;
using System.Diagnostics;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>
/// 200 MiB up and down, streamed through localPath: sha256 equal on both sides, and progress notified on the way
/// when the transfer takes longer than a second. (Memory stays bounded; the benchmark measures the server's RSS.)
/// </summary>
[Collection(FilesCollection.Name)]
public sealed class LargeFileTests(SshdFixture sshd) : FileTestBase(sshd)
{
    private const long Size = 200L * 1024 * 1024;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task RoundTrip_200MiB_SameSha256OnBothSidesWithProgress(string transport)
    {
        var (session, directory) = await OpenInNewDirectoryAsync(transport);
        var (name, sha256) = await RandomLocalFileAsync(Size);

        var (up, upProgress, upTime) = await CallAsync(ToolNames.WriteFile, session, name, "big.bin");
        var hostSha256 = await Sha256OfFileAsync($"{directory}/big.bin");
        var (down, downProgress, downTime) = await CallAsync(ToolNames.ReadFile, session, "back.bin", "big.bin");

        Assert.Equal(sha256, up.GetProperty("sha256").GetString());
        Assert.Equal(sha256, hostSha256);
        Assert.Equal(Size, up.GetProperty("size").GetInt64());
        Assert.Equal(sha256, down.GetProperty("fileSha256").GetString());
        Assert.Equal(sha256, await Sha256OfFileAsync(Path.Combine(LocalRoot, "back.bin")));
        AssertProgress(upProgress, upTime);
        AssertProgress(downProgress, downTime);
    }

    private async Task<(System.Text.Json.JsonElement Result, IReadOnlyList<ProgressNotificationValue> Progress, TimeSpan Took)> CallAsync(
        string tool, string session, string localPath, string path)
    {
        var progress = new ProgressLog();
        var started = Stopwatch.GetTimestamp();
        var result = await Server.Client.CallToolAsync(
            tool, new Dictionary<string, object?> { ["sessionId"] = session, ["path"] = path, ["localPath"] = localPath }, progress).AsTask().WaitAsync(Bound);
        var took = Stopwatch.GetElapsedTime(started);
        Assert.False(result.IsError == true, result.Text());
        return (result.StructuredContent!.Value, progress.Values, took);
    }

    private static void AssertProgress(IReadOnlyList<ProgressNotificationValue> progress, TimeSpan took)
    {
        // Nothing is notified in a transfer's first second; a slower one notifies, counting up to the size.
        if (took < TimeSpan.FromSeconds(1.5))
        {
            return;
        }

        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal(Size, p.Total));
        Assert.Equal(progress.Select(p => p.Progress).Order(), progress.Select(p => p.Progress));
    }

    private sealed class ProgressLog : IProgress<ProgressNotificationValue>
    {
        private readonly ConcurrentQueue<ProgressNotificationValue> _values = new();

        public IReadOnlyList<ProgressNotificationValue> Values => [.. _values];

        public void Report(ProgressNotificationValue value) => _values.Enqueue(value);
    }
}
