using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// What the audit log costs a call: <c>ssh_exec true</c> on a stdio server without audit, one writing
/// <c>SshMcp:Audit:Path</c> (two lines per call, flushed) and one that also fsyncs each line, interleaved call by call
/// (in rotating order) so that the three share the machine's noise. The floor of the audited figures is the unaudited one.
/// </summary>
internal static class AuditCost
{
    public static async Task RunAsync(BenchContext context, RunningServer plain, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plain);
        await using var audited = await StartAsync(context, Path.Combine(runDirectory, "audit", "flushed.log"), fsync: false);
        await using var synced = await StartAsync(context, Path.Combine(runDirectory, "audit", "fsynced.log"), fsync: true);
        var servers = new[] { new SshTools(plain.Client), new SshTools(audited.Client), new SshTools(synced.Client) };
        var sessions = new string[servers.Length];
        for (var s = 0; s < servers.Length; s++)
        {
            sessions[s] = await servers[s].OpenOrThrowAsync(context.Sshd);
        }

        var samples = servers.Select(_ => new Sample()).ToArray();
        for (var i = 0; i < context.Settings.Warmup + context.Settings.LatencyCalls; i++)
        {
            if (i == context.Settings.Warmup)
            {
                samples = [.. servers.Select(_ => new Sample())];
            }

            // The first of the three goes first in turn, so that no server always follows the same one.
            for (var k = 0; k < servers.Length; k++)
            {
                var s = (i + k) % servers.Length;
                var (tools, session) = (servers[s], sessions[s]);
                await samples[s].TimeAsync(async () => (await tools.ExecAsync(session, "true")).Is(""));
            }
        }

        for (var s = 0; s < servers.Length; s++)
        {
            await servers[s].CloseAsync(sessions[s]);
        }

        var (none, flushed, fsynced) = (samples[0], samples[1], samples[2]);
        foreach (var p in new[] { 50, 90 })
        {
            context.Report.Add(new Metric($"exec.stdio.audit.p{p}", flushed.Percentile(p), "ms", none.Percentile(p), flushed.Valid, flushed.Count,
                p == 50 ? Goal.RatioAtMost(1.25) : null, p == 50 ? "floor: the same call without audit, interleaved" : null));
            context.Report.Add(new Metric($"exec.stdio.audit_fsync.p{p}", fsynced.Percentile(p), "ms", none.Percentile(p), fsynced.Valid, fsynced.Count,
                Note: p == 50 ? "SshMcp:Audit:Fsync=true: two fsyncs per call" : null));
        }
    }

    private static Task<RunningServer> StartAsync(BenchContext context, string path, bool fsync)
    {
        var environment = new Dictionary<string, string?>(context.ServerEnvironment)
        {
            ["SshMcp__Audit__Path"] = path,
            ["SshMcp__Audit__Fsync"] = fsync ? "true" : "false",
        };
        return RunningServer.StartStdioAsync(ServerPaths.ServerDll, ["--stdio"], environment, context.ServerSaid);
    }
}
