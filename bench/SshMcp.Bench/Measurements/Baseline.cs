using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// This server against another build of it (<c>--baseline DLL</c>, e.g. main before a change) in the same run:
/// stdio and HTTP cold start (spawn to the first answer) and RSS after start and 10 pings, alternated start by start
/// so both share the machine's noise. For changes that must leave the single-process server as it was.
/// </summary>
internal static class Baseline
{
    private const double MiB = 1024 * 1024;

    public static async Task RunAsync(BenchContext context, string baselineDll)
    {
        ArgumentNullException.ThrowIfNull(context);
        var samples = new Dictionary<(string Build, string Transport), (Sample Start, Sample Rss)>();
        for (var i = 0; i < context.Settings.ColdStarts; i++)
        {
            foreach (var (build, dll) in new[] { ("baseline", baselineDll), ("this", ServerPaths.ServerDll) })
            {
                foreach (var transport in new[] { "stdio", "http" })
                {
                    if (!samples.TryGetValue((build, transport), out var sample))
                    {
                        samples[(build, transport)] = sample = (new Sample(), new Sample());
                    }

                    await MeasureAsync(context, dll, transport, sample.Start, sample.Rss);
                }
            }
        }

        foreach (var transport in new[] { "stdio", "http" })
        {
            var (start, rss) = samples[("this", transport)];
            var (baseStart, baseRss) = samples[("baseline", transport)];
            var valid = baseStart.Valid == baseStart.Count ? start.Valid : 0;
            context.Report.Add(new Metric(
                $"baseline.coldstart.{transport}.median", start.Percentile(50), "ms", baseStart.Percentile(50), valid, start.Count, Goal.RatioAtMost(1.1),
                "spawn to first answer; floor: the baseline build, alternated"));
            context.Report.Add(new Metric(
                $"baseline.rss.{transport}.median", rss.Percentile(50) / MiB, "MiB", baseRss.Percentile(50) / MiB, valid, rss.Count, Goal.RatioAtMost(1.05),
                "RSS after start and 10 pings; floor: the baseline build"));
        }
    }

    private static async Task MeasureAsync(BenchContext context, string dll, string transport, Sample start, Sample rss)
    {
        RunningServer? server = null;
        try
        {
            server = transport == "stdio"
                ? await RunningServer.StartStdioAsync(dll, ["--stdio"], context.ServerEnvironment, context.ServerSaid)
                : await RunningServer.StartHttpAsync(dll, context.ServerEnvironment, context.ServerSaid);
            var tools = new SshTools(server.Client);
            var pings = 0;
            for (var i = 0; i < 10; i++)
            {
                pings += await tools.PingAsync() ? 1 : 0;
            }

            start.Add(server.StartMilliseconds, server.Client.ServerInfo?.Name == "SshMcp");
            rss.Add(ProcessMemory.Rss(server.Pid), pings == 10);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException)
        {
            BenchContext.Progress($"{dll} ({transport}) did not start: {e.Message}");
            start.Add(double.NaN, false);
            rss.Add(double.NaN, false);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}
