using Renci.SshNet;
using SshMcp.Bench.Floors;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// What runs cost (<c>--only runs</c>): getting a 64 MiB output back through <c>ssh_output</c> from the spool, saved
/// whole with <c>localPath</c> (checked by its size and the host's SHA-256) and read inline 1 MiB a call, each against a
/// raw SSH.NET exec streaming the same command (throughput); the server's peak RSS growth while it spools those 64 MiB;
/// and starting a background run against a foreground <c>ssh_exec true</c>, interleaved call by call.
/// </summary>
internal static class RunsCost
{
    private const int ReadBytes = 1024 * 1024;
    private const double MiB = 1024 * 1024;

    public static async Task RunAsync(BenchContext context, SshClient rawClient)
    {
        ArgumentNullException.ThrowIfNull(context);
        var saves = Directory.CreateTempSubdirectory("sshmcp-bench-saves-");
        var environment = new Dictionary<string, string?>(context.ServerEnvironment)
        {
            // Room for the whole 64 MiB (both streams share the budget), and reads of 1 MiB.
            ["SshMcp__Output__SpoolBytesPerSession"] = (128 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SshMcp__Files__LocalRoot"] = saves.FullName,
        };
        try
        {
            await RunInAsync(context, rawClient, environment, saves.FullName);
        }
        finally
        {
            saves.Delete(recursive: true);
        }
    }

    private static async Task RunInAsync(BenchContext context, SshClient rawClient, Dictionary<string, string?> environment, string saves)
    {
        await using var server = await RunningServer.StartStdioAsync(ServerPaths.ServerDll, ["--stdio"], environment, context.ServerSaid);
        var tools = new SshTools(server.Client);
        var session = await tools.OpenOrThrowAsync(context.Sshd);
        await BigReadAsync(context, server, tools, session, rawClient, saves);
        await StartLatencyAsync(context, tools, session);
        await tools.CloseAsync(session);
    }

    /// <summary>
    /// 48 MiB of random bytes in base64: 64 MiB of text in lines of 76, each with its newline (a smoke run: 3 MiB, which
    /// only shows that the measurement works).
    /// </summary>
    private static (string Command, long ExpectedBytes) Output(bool smoke)
    {
        var random = (smoke ? 3 : 48) * 1024 * 1024;
        var text = random / 3 * 4;
        return ($"head -c {random} /dev/urandom | base64", text + ((text + 75) / 76));
    }

    private static async Task BigReadAsync(BenchContext context, RunningServer server, SshTools tools, string session, SshClient rawClient, string saves)
    {
        var (command, expectedBytes) = Output(context.Settings.Smoke);
        var floor = new Sample();
        var read = new Sample();
        var saved = new Sample();
        var spooled = new Sample();
        var growth = 0L;
        for (var i = 0; i < context.Settings.BigOutputRuns; i++)
        {
            await floor.TimeAsync(async () => await RawSsh.CountOutputAsync(rawClient, command) == (expectedBytes, 0));

            string? runId = null;
            await using (var sampler = RssSampler.Start(server.Pid))
            {
                await spooled.TimeAsync(async () =>
                {
                    var (answer, id, _) = await tools.ExecAsync(session, command, new Dictionary<string, object?>());
                    runId = id;
                    return answer is { IsError: false, ExitCode: 0 } && answer.StdoutBytes == expectedBytes && id is not null;
                });
                growth = Math.Max(growth, await sampler.StopAsync() - sampler.Baseline);
            }

            await read.TimeAsync(async () => runId is not null && await ReadAllAsync(tools, session, runId) == expectedBytes);
            var file = Path.Join(saves, "output.txt");
            await saved.TimeAsync(async () => runId is not null && await tools.SaveOutputAsync(session, runId, file) == (expectedBytes, expectedBytes) && new FileInfo(file).Length == expectedBytes);
        }

        var valid = floor.Valid == floor.Count && spooled.Valid == spooled.Count;
        var size = expectedBytes / MiB;
        var floorRate = size / (floor.Percentile(50) / 1000);
        context.Report.Add(new Metric("output64mb.save.stdio", size / (saved.Percentile(50) / 1000), "MiB/s", floorRate, valid ? saved.Valid : 0, saved.Count,
            Goal.RatioAtLeast(0.5), "ssh_output localPath, whole, from the spool; floor: raw SSH.NET exec of the command, streamed"));
        context.Report.Add(new Metric("output64mb.read.stdio", size / (read.Percentile(50) / 1000), "MiB/s", floorRate, valid ? read.Valid : 0, read.Count,
            null, "ssh_output inline, 1 MiB a call (JSON: each byte crosses twice, escaped); same floor"));
        context.Report.Add(new Metric("output64mb.rss_growth", growth / MiB, "MiB", null, spooled.Valid, spooled.Count, Goal.ValueAtMost(16), "peak VmRSS during the ssh_exec that spools it, minus before"));
    }

    private static async Task<long> ReadAllAsync(SshTools tools, string session, string runId)
    {
        long offset = 0;
        long bytes = 0;
        while (true)
        {
            if (await tools.OutputAsync(session, runId, offset, ReadBytes) is not { } piece || piece.NextOffset <= offset && piece.NextOffset < piece.TotalBytes)
            {
                return -1;
            }

            bytes += piece.Bytes;
            if (piece.NextOffset == piece.TotalBytes)
            {
                return bytes;
            }

            offset = piece.NextOffset;
        }
    }

    private static async Task StartLatencyAsync(BenchContext context, SshTools tools, string session)
    {
        var foreground = new Sample();
        var background = new Sample();
        var calls = context.Settings.Smoke ? 5 : 200;
        var warmup = context.Settings.Smoke ? 2 : 50;
        var detached = new Dictionary<string, object?> { ["background"] = true };
        for (var i = 0; i < warmup + calls; i++)
        {
            if (i == warmup)
            {
                (foreground, background) = (new Sample(), new Sample());
            }

            await foreground.TimeAsync(async () => (await tools.ExecAsync(session, "true")).Is(""));
            await background.TimeAsync(async () => await tools.ExecAsync(session, "true", detached) is { Answer.IsError: false, RunId: not null, Running: true });
        }

        context.Report.Add(new Metric("background.start.stdio.p50", background.Percentile(50), "ms", foreground.Percentile(50), foreground.Valid == foreground.Count ? background.Valid : 0, background.Count,
            Goal.RatioAtMost(2.0), "ssh_exec background:true; floor: ssh_exec true, interleaved"));
    }
}
