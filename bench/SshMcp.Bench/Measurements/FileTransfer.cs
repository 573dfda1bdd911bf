using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ModelContextProtocol.Client;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;
using SshMcp.TestKit;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// A 200 MiB file up and down through <c>ssh_write_file</c> and <c>ssh_read_file</c> with <c>localPath</c>, against
/// <c>scp</c> of the same file to the same sshd (a fresh ssh each time, so its connect and login are in the floor; the
/// tools run on an open session, as an agent's do), runs interleaved. Every copy is checked by sha256 on both sides.
/// With the server's peak RSS growth during each transfer (after a small warm-up transfer has opened the session's
/// SFTP channel): it must not grow with the file.
/// </summary>
internal static class FileTransfer
{
    private const double MiB = 1024 * 1024;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    /// <summary>The transports measured, one session each on the same server.</summary>
    private static readonly string[] Transports = ["sshnet", "openssh"];

    public static async Task RunAsync(BenchContext context, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = Directory.CreateDirectory(Path.Combine(runDirectory, "files")).FullName;
        var environment = new Dictionary<string, string?>(context.ServerEnvironment) { ["SshMcp__Files__LocalRoot"] = root };
        await using var server = await RunningServer.StartStdioAsync(ServerPaths.ServerDll, ["--stdio"], environment, context.ServerSaid);
        var bytes = context.Settings.Smoke ? 4 * 1024 * 1024 : 200 * 1024 * 1024;
        var sha256 = await RandomFileAsync(Path.Combine(root, "source.bin"), bytes);
        var home = $"/home/{context.Sshd.Username}";
        var runs = context.Settings.Smoke ? 1 : 3;
        foreach (var transport in Transports)
        {
            var session = await OpenAsync(server.Client, context.Sshd, transport);
            await RandomFileAsync(Path.Combine(root, "warm.bin"), 1024 * 1024);
            await CallAsync(server.Client, "ssh_write_file", session, "warm.bin", "warm.bin");
            await CallAsync(server.Client, "ssh_read_file", session, "warm.bin", "warm-back.bin");

            var (scpUp, up, scpDown, down) = (new Sample(), new Sample(), new Sample(), new Sample());
            var growth = 0L;
            for (var i = 0; i < runs; i++)
            {
                await scpUp.TimeAsync(async () => await ScpAsync(context.Sshd, Path.Combine(root, "source.bin"), $"{context.Sshd.Username}@{context.Sshd.Host}:scp-up.bin")
                    && await Sha256Async($"{home}/scp-up.bin") == sha256);
                growth = Math.Max(growth, await MeasureAsync(server.Pid, up, async () =>
                    (await CallAsync(server.Client, "ssh_write_file", session, "up.bin", "source.bin")).GetProperty("sha256").GetString() == sha256
                    && await Sha256Async($"{home}/up.bin") == sha256));
                await scpDown.TimeAsync(async () => await ScpAsync(context.Sshd, $"{context.Sshd.Username}@{context.Sshd.Host}:up.bin", Path.Combine(root, "scp-down.bin"))
                    && await Sha256Async(Path.Combine(root, "scp-down.bin")) == sha256);
                growth = Math.Max(growth, await MeasureAsync(server.Pid, down, async () =>
                    (await CallAsync(server.Client, "ssh_read_file", session, "up.bin", "down.bin")).GetProperty("fileSha256").GetString() == sha256
                    && await Sha256Async(Path.Combine(root, "down.bin")) == sha256));
            }

            var size = string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB:0} MiB");
            context.Report.Add(Speed($"files.{transport}.upload", bytes, up, scpUp, $"{size} with localPath; floor: scp of the same file"));
            context.Report.Add(Speed($"files.{transport}.download", bytes, down, scpDown, $"{size} with localPath; floor: scp of the same file"));
            context.Report.Add(new Metric($"files.{transport}.rss_growth", growth / MiB, "MiB", null, up.Valid + down.Valid, up.Count + down.Count, Goal.ValueAtMost(32), "peak VmRSS during a transfer minus before it"));
        }
    }

    /// <summary>Throughput of the median run in MiB/s, against the floor's: at least 0.8x.</summary>
    private static Metric Speed(string name, long bytes, Sample tool, Sample floor, string note)
    {
        double PerSecond(Sample sample) => bytes / MiB / (sample.Percentile(50) / 1000);
        var valid = floor.Valid == floor.Count ? tool.Valid : 0;
        return new Metric(name, PerSecond(tool), "MiB/s", PerSecond(floor), valid, tool.Count, Goal.RatioAtLeast(0.8), note);
    }

    private static async Task<long> MeasureAsync(int pid, Sample sample, Func<Task<bool>> transfer)
    {
        await using var sampler = RssSampler.Start(pid);
        await sample.TimeAsync(transfer);
        return await sampler.StopAsync() - sampler.Baseline;
    }

    private static async Task<string> OpenAsync(McpClient client, TestSshd sshd, string transport)
    {
        var result = await client.CallToolAsync("ssh_open", new Dictionary<string, object?>
        {
            ["host"] = sshd.Host,
            ["port"] = sshd.Port,
            ["username"] = sshd.Username,
            ["password"] = sshd.Password,
            ["hostKeyFingerprint"] = sshd.HostKeyFingerprintSha256,
            ["transport"] = transport,
        }).AsTask().WaitAsync(Bound);
        return result.IsError != true && result.StructuredContent?.GetProperty("sessionId").GetString() is { } id
            ? id
            : throw new InvalidOperationException($"ssh_open over {transport} failed; see the server's log above.");
    }

    private static async Task<JsonElement> CallAsync(McpClient client, string tool, string session, string path, string localPath)
    {
        var result = await client.CallToolAsync(tool, new Dictionary<string, object?> { ["sessionId"] = session, ["path"] = path, ["localPath"] = localPath })
            .AsTask().WaitAsync(Bound);
        return result.IsError != true && result.StructuredContent is { } content
            ? content
            : throw new InvalidOperationException($"{tool} failed: {string.Join(' ', result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(t => t.Text))}");
    }

    private static async Task<bool> ScpAsync(TestSshd sshd, string from, string to)
    {
        var scp = await LocalCommand.RunAsync(
            "scp",
            ["-q", "-F", "/dev/null", "-i", sshd.PrivateKeyPath, "-P", sshd.Port.ToString(CultureInfo.InvariantCulture), "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
             "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", from, to],
            CancellationToken.None);
        return scp.ExitCode == 0;
    }

    private static async Task<string> RandomFileAsync(string path, long bytes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = File.Create(path);
        var buffer = new byte[1024 * 1024];
        for (var left = bytes; left > 0; left -= buffer.Length)
        {
            var part = buffer.AsMemory(0, (int)Math.Min(buffer.Length, left));
            RandomNumberGenerator.Fill(part.Span);
            hash.AppendData(part.Span);
            await file.WriteAsync(part);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }
}
