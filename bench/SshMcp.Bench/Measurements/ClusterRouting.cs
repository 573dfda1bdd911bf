using System.Diagnostics;
using System.Globalization;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// Three replicas in cluster mode: what the hop to the replica holding a session costs (<c>ssh_exec true</c> through
/// the owner and through another replica, interleaved call by call), throughput with sessions and calls spread over
/// the replicas, and what an idle session costs the replica that holds it.
/// </summary>
internal static class ClusterRouting
{
    private const double KiB = 1024;

    public static async Task RunAsync(BenchContext context, ClusterReplicas cluster)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cluster);
        var tools = cluster.Replicas.Select(r => new SshTools(r.Client)).ToArray();
        BenchContext.Progress("cluster: exec through the owner and through another replica");
        await HopAsync(context, tools);
        BenchContext.Progress("cluster: throughput over three replicas");
        await ThroughputAsync(context, tools);
        BenchContext.Progress("cluster: idle sessions per replica");
        await MemoryAsync(context, cluster, tools);
    }

    private static async Task HopAsync(BenchContext context, SshTools[] tools)
    {
        var session = await tools[0].OpenOrThrowAsync(context.Sshd);
        var owner = new Sample();
        var hop = new Sample();
        for (var i = 0; i < context.Settings.Warmup + context.Settings.LatencyCalls; i++)
        {
            if (i == context.Settings.Warmup)
            {
                (owner, hop) = (new Sample(), new Sample());
            }

            await owner.TimeAsync(async () => (await tools[0].ExecAsync(session, "true")).Is(""));
            await hop.TimeAsync(async () => (await tools[1 + (i % 2)].ExecAsync(session, "true")).Is(""));
        }

        await tools[0].CloseAsync(session);
        var valid = owner.Valid == owner.Count ? hop.Valid : 0;
        context.Report.Add(new Metric("cluster.exec.owner.p50", owner.Percentile(50), "ms", null, owner.Valid, owner.Count, Note: "ssh_exec true through the replica holding the session"));
        context.Report.Add(new Metric("cluster.exec.other.p50", hop.Percentile(50), "ms", owner.Percentile(50), valid, hop.Count, Note: "through the two other replicas in turn; floor: through the owner"));
        context.Report.Add(new Metric(
            "cluster.exec.hop_added.p50", hop.Percentile(50) - owner.Percentile(50), "ms", null, valid, hop.Count, Goal.ValueAtMost(1.0), "other minus owner, same run, interleaved"));
    }

    private static async Task ThroughputAsync(BenchContext context, SshTools[] tools)
    {
        var (sessions, perSession) = (context.Settings.Sessions, context.Settings.ExecsPerSession);
        var ids = await Task.WhenAll(Enumerable.Range(0, sessions).Select(s => tools[s % tools.Length].OpenOrThrowAsync(context.Sshd)));
        await Task.WhenAll(ids.Select((id, s) => tools[(s + 1) % tools.Length].ExecAsync(id, "true")));
        var valid = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(ids.Select((id, s) => Task.Run(async () =>
        {
            for (var i = 0; i < perSession; i++)
            {
                var tag = string.Create(CultureInfo.InvariantCulture, $"s{s}c{i}");
                var through = tools[(s + i) % tools.Length];
                if (await Sample.AnsweredRightAsync(async () => (await through.ExecAsync(id, "echo " + tag)).Is(tag + "\n")))
                {
                    Interlocked.Increment(ref valid);
                }
            }
        })));
        var rate = sessions * perSession / Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.WhenAll(ids.Select((id, s) => tools[s % tools.Length].CloseAsync(id)));
        var single = context.Report.Metrics.FirstOrDefault(m => m.Name == "throughput.stdio")?.Value;
        context.Report.Add(new Metric(
            "cluster.throughput",
            rate,
            "execs/s",
            single,
            valid,
            sessions * perSession,
            Note: string.Create(CultureInfo.InvariantCulture, $"{sessions} sessions opened over 3 replicas x {perSession} execs, each call through the next replica; floor: throughput.stdio (one process)")));
    }

    private static async Task MemoryAsync(BenchContext context, ClusterReplicas cluster, SshTools[] tools)
    {
        // A first session on each replica, used and closed: SSH.NET and its crypto are loaded once per process.
        foreach (var replica in tools)
        {
            var first = await replica.OpenOrThrowAsync(context.Sshd);
            await replica.ExecAsync(first, "true");
            await replica.CloseAsync(first);
            await replica.PingAsync();
        }

        var before = cluster.Replicas.Select(r => ProcessMemory.Rss(r.Pid)).ToArray();
        var perReplica = Math.Max(1, context.Settings.IdleSessions / tools.Length);
        var ids = new List<(int Replica, string Id)>();
        for (var r = 0; r < tools.Length; r++)
        {
            var replica = r;
            var opened = await Task.WhenAll(Enumerable.Range(0, perReplica).Select(_ => tools[replica].OpenAsync(context.Sshd)));
            ids.AddRange(opened.OfType<string>().Select(id => (replica, id)));
        }

        foreach (var replica in tools)
        {
            await replica.PingAsync();
        }

        for (var r = 0; r < tools.Length; r++)
        {
            var held = ids.Count(i => i.Replica == r);
            var growth = ProcessMemory.Rss(cluster.Replicas[r].Pid) - before[r];
            var single = context.Report.Metrics.FirstOrDefault(m => m.Name == "memory.sessions.rss_growth");
            context.Report.Add(new Metric(
                $"cluster.memory.per_session.{(char)('a' + r)}",
                growth / KiB / Math.Max(1, held),
                "KiB",
                single is null ? null : single.Value * KiB / Math.Max(1, context.Settings.IdleSessions),
                held,
                perReplica,
                Note: string.Create(CultureInfo.InvariantCulture, $"RSS growth / {held} idle sessions held by this replica; floor: the same in one stdio process")));
        }

        await Task.WhenAll(ids.Select(i => tools[i.Replica].CloseAsync(i.Id)));
    }
}
