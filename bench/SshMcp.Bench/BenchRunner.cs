using System.Diagnostics;
using System.Runtime.InteropServices;
using SshMcp.Bench.Floors;
using SshMcp.Bench.Measurements;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;
using SshMcp.TestKit;

namespace SshMcp.Bench;

/// <summary>
/// One run: a private sshd with its own user (the fixture makes one per process and deletes it), then each
/// measurement against its floor, then the table and the JSON.
/// Returns 0 when every timed answer was right (goals missed do not fail the run; they are reported).
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchSettings settings)
    {
        ServerPaths.EnsureBuilt();
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var loadBefore = LoadAverage();
        BenchContext.Progress($"{(settings.Smoke ? "smoke" : "full")} run; load average {loadBefore}; server {ServerPaths.ServerDll}");

        var runDirectory = Directory.CreateTempSubdirectory("sshmcp-bench-").FullName;
        var sshd = new TestSshd(new SshdOptions { MaxSessions = 64 });
        var report = new Report();
        var context = new BenchContext(settings, sshd, runDirectory, report);
        try
        {
            await sshd.InitializeAsync();
            await MeasureAsync(context, runDirectory);
        }
        catch (Exception e)
        {
            // A broken run still says why, with the servers' last words; the sshd is stopped either way.
            Console.Error.WriteLine($"[bench] the run failed: {e}\n[bench] the servers said:\n{context.ServerLog}");
            return 2;
        }
        finally
        {
            await sshd.DisposeAsync();
            Directory.Delete(runDirectory, recursive: true);
        }

        var run = new RunInfo(
            started,
            settings.Smoke ? "smoke" : "full",
            Environment.ProcessorCount,
            loadBefore,
            LoadAverage(),
            clock.Elapsed.TotalSeconds,
            RuntimeInformation.FrameworkDescription,
            typeof(BenchRunner).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
                .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "");
        await report.WriteJsonAsync(settings.OutputPath, run, CancellationToken.None);
        Console.WriteLine(report.ToTable());
        Console.WriteLine($"load average before {run.LoadAverageBefore}, after {run.LoadAverageAfter}; {run.ElapsedSeconds:0} s; {run.Configuration}; results in {settings.OutputPath}");
        var invalid = report.Metrics.Where(m => m.Valid != m.Samples).Select(m => m.Name).ToList();
        if (invalid.Count > 0)
        {
            Console.WriteLine($"WRONG ANSWERS in: {string.Join(", ", invalid)}");
            return 1;
        }

        return 0;
    }

    private static async Task MeasureAsync(BenchContext context, string runDirectory)
    {
        // The audit log's cost is its own run (two more servers): --only audit.
        if (context.Settings.Only == "audit")
        {
            await using var plain = await RunningServer.StartStdioAsync(ServerPaths.ServerDll, ["--stdio"], context.ServerEnvironment, context.ServerSaid);
            BenchContext.Progress("audit log cost, stdio");
            await AuditCost.RunAsync(context, plain, runDirectory);
            return;
        }

        // Cluster mode alone (three replicas and a Redis), or the comparison with another build alone.
        if (context.Settings.Only is "cluster" or "baseline")
        {
            await (context.Settings.Only == "cluster" ? ClusterAsync(context) : BaselineAsync(context));
            return;
        }

        // 200 MiB up and down against scp, with the server's RSS: --only files.
        if (context.Settings.Only == "files")
        {
            BenchContext.Progress("file transfers against scp, stdio");
            await FileTransfer.RunAsync(context, runDirectory);
            return;
        }

        // What runs cost is its own run too (a 64 MiB output, read back): --only runs.
        if (context.Settings.Only == "runs")
        {
            using var client = await SshTestClient.ConnectWithPasswordAsync(context.Sshd);
            BenchContext.Progress("runs: 64 MiB through ssh_output, background start");
            await RunsCost.RunAsync(context, client);
            return;
        }

        // The session core alone, for quick before/after comparisons: --only exec (sshnet exec and throughput), --only
        // open (ssh_open on both transports, and exec on openssh).
        if (context.Settings.Only is "exec" or "open")
        {
            using var coreClient = await SshTestClient.ConnectWithPasswordAsync(context.Sshd);
            using var coreRaw = await RawShell.StartAsync(coreClient, RawSsh.BareShell);
            await using var core = await RunningServer.StartStdioAsync(ServerPaths.ServerDll, ["--stdio"], context.ServerEnvironment, context.ServerSaid);
            if (context.Settings.Only == "exec")
            {
                BenchContext.Progress("exec latency and throughput, stdio (sshnet)");
                await ExecLatency.RunAsync(context, core, coreRaw, Goal.RatioAtMost(1.5), alsoOpenSsh: false);
                await Throughput.RunAsync(context, core);
            }
            else
            {
                BenchContext.Progress("ssh_open, stdio");
                await OpenLatency.RunAsync(context, core);
            }

            return;
        }

        BenchContext.Progress("cold start");
        await ColdStart.RunAsync(context);

        using var rawClient = await SshTestClient.ConnectWithPasswordAsync(context.Sshd);
        using var raw = await RawShell.StartAsync(rawClient, RawSsh.BareShell);
        await using (var stdio = await RunningServer.StartStdioAsync(ServerPaths.ServerDll, ["--stdio"], context.ServerEnvironment, context.ServerSaid))
        {
            BenchContext.Progress("memory: idle, then idle sessions");
            await Memory.RunAsync(context, stdio);
            BenchContext.Progress("idle sessions: threads and memory per transport");
            await IdleSessions.RunAsync(context, stdio);
            BenchContext.Progress("exec latency, stdio (sshnet and openssh)");
            await ExecLatency.RunAsync(context, stdio, raw, Goal.RatioAtMost(1.5), alsoOpenSsh: true);
            BenchContext.Progress("throughput, stdio");
            await Throughput.RunAsync(context, stdio);
            BenchContext.Progress("ssh_open, stdio");
            await OpenLatency.RunAsync(context, stdio);
            BenchContext.Progress("5 MB output, stdio");
            await BigOutput.RunAsync(context, stdio, rawClient);
        }

        await using (var http = await RunningServer.StartHttpAsync(ServerPaths.ServerDll, context.ServerEnvironment, context.ServerSaid))
        {
            BenchContext.Progress("exec latency, HTTP");
            await ExecLatency.RunAsync(context, http, raw, Goal.RatioAtMost(2.0));
        }

        if (context.Settings.Cluster)
        {
            await ClusterAsync(context);
        }

        await BaselineAsync(context);
    }

    private static async Task ClusterAsync(BenchContext context)
    {
        BenchContext.Progress("three replicas in cluster mode");
        await using var cluster = await ClusterReplicas.StartAsync(ServerPaths.ServerDll, context.ServerEnvironment, context.ServerSaid);
        await ClusterRouting.RunAsync(context, cluster);
    }

    private static async Task BaselineAsync(BenchContext context)
    {
        if (context.Settings.BaselineServerDll is { } baseline)
        {
            BenchContext.Progress($"cold start and RSS against the baseline {baseline}");
            await Baseline.RunAsync(context, baseline);
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
