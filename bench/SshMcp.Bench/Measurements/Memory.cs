using System.Globalization;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// A fresh server's RSS when idle; what its first session adds once (SSH.NET, the crypto and their JIT-compiled code
/// are loaded then); and what many idle sessions add on top of that (closed again afterwards).
/// </summary>
internal static class Memory
{
    private const double MiB = 1024 * 1024;
    private const int Parallelism = 4;

    public static async Task RunAsync(BenchContext context, RunningServer server)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(server);
        var tools = new SshTools(server.Client);
        var pings = 0;
        for (var i = 0; i < 10; i++)
        {
            pings += await tools.PingAsync() ? 1 : 0;
        }

        var idle = ProcessMemory.Rss(server.Pid);
        context.Report.Add(new Metric("memory.idle", idle / MiB, "MiB", null, pings, 10, Goal.ValueAtMost(60), "RSS after start and 10 pings"));

        var beforeFirst = ProcessMemory.Rss(server.Pid);
        var first = await tools.OpenAsync(context.Sshd);
        var firstValid = first is not null && (await tools.ExecAsync(first, "echo warm")).Is("warm\n") && await tools.CloseAsync(first);
        await tools.PingAsync();
        var warm = ProcessMemory.Rss(server.Pid);
        context.Report.Add(new Metric("memory.first_session", (warm - beforeFirst) / MiB, "MiB", null, firstValid ? 1 : 0, 1, Note: "one-time: opened, used and closed; RSS after minus before"));

        var count = context.Settings.IdleSessions;
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        var limit = new ParallelOptions { MaxDegreeOfParallelism = Parallelism };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), limit, async (_, _) =>
        {
            if (await tools.OpenAsync(context.Sshd) is { } id)
            {
                ids.Add(id);
            }
        });
        var opened = ids.Count;

        await tools.PingAsync();
        var growth = ProcessMemory.Rss(server.Pid) - warm;
        context.Report.Add(new Metric(
            "memory.sessions.rss_growth",
            growth / MiB,
            "MiB",
            null,
            opened,
            count,
            Goal.ValueAtMost(30),
            string.Create(CultureInfo.InvariantCulture, $"{count} idle sessions open, over the RSS after the first session; {growth / 1024.0 / Math.Max(1, opened):0} KiB each")));

        await Parallel.ForEachAsync(ids, limit, async (id, _) => await tools.CloseAsync(id));
    }
}
