using Renci.SshNet;
using SshMcp.Bench.Floors;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// What runs cost (<c>--only runs</c>): reading a 64 MiB output back through <c>ssh_output</c> from the spool, against
/// a raw SSH.NET exec streaming the same command (throughput); the server's peak RSS growth while it spools those
/// 64 MiB; and starting a background run against a foreground <c>ssh_exec true</c>, interleaved call by call.
/// </summary>
internal static class RunsCost
{
    private const int ReadBytes = 1024 * 1024;
    private const double MiB = 1024 * 1024;

    public static async Task RunAsync(BenchContext context, SshClient rawClient)
    {
        ArgumentNullException.ThrowIfNull(context);
        var environment = new Dictionary<string, string?>(context.ServerEnvironment)
        {
            // Room for the whole 64 MiB (both streams share the budget), and reads of 1 MiB.
            ["SshMcp__Output__SpoolBytesPerSession"] = (128 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var server = await RunningServer.StartStdioAsync(ServerPaths.ServerDll, ["--stdio"], environment, context.ServerSaid);
        var tools = new SshTools(server.Client);
        var session = await tools.OpenOrThrowAsync(context.Sshd);
        await BigReadAsync(context, server, tools, session, rawClient);
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

    private static async Task BigReadAsync(BenchContext context, RunningServer server, SshTools tools, string session, SshClient rawClient)
    {
        var (command, expectedBytes) = Output(context.Settings.Smoke);
        var floor = new Sample();
        var read = new Sample();
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
        }

        var valid = floor.Valid == floor.Count && spooled.Valid == spooled.Count ? read.Valid : 0;
        var size = expectedBytes / MiB;
        context.Report.Add(new Metric("output64mb.read.stdio", size / (read.Percentile(50) / 1000), "MiB/s", size / (floor.Percentile(50) / 1000), valid, read.Count,
            Goal.RatioAtLeast(0.5), "ssh_output, 1 MiB a call, from the spool; floor: raw SSH.NET exec of the command, streamed"));
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
