using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace SshMcp.Tests.Bench;

/// <summary>
/// The benchmark in its smoke mode (every measurement, tiny counts): it runs end to end, reports every metric, and
/// every answer it timed was right. No timing is asserted; the figures of a smoke run mean nothing.
/// </summary>
public sealed class BenchSmokeTests
{
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(300);

    private static readonly string[] ExpectedMetrics =
    [
        "memory.idle", "memory.first_session", "memory.sessions.rss_growth", "coldstart.stdio.median",
        "sessions.sshnet.threads_each", "sessions.sshnet.server_rss_each",
        "sessions.openssh.threads_each", "sessions.openssh.server_rss_each", "sessions.openssh.ssh_rss_each",
        "exec.stdio.p50", "exec.stdio.p90", "exec.stdio.p99", "floor.shell_rt.stdio.p50", "floor.ping.stdio.p50",
        "exec.openssh.stdio.p50", "exec.openssh.stdio.p90", "exec.openssh.stdio.p99",
        "throughput.stdio", "open.stdio.median", "open.openssh.stdio.median",
        "output5mb.stdio.median", "output5mb.rss_growth", "output5mb.openssh.stdio.median",
        "exec.http.p50", "exec.http.p90", "exec.http.p99", "floor.shell_rt.http.p50", "floor.ping.http.p50",
        "cluster.exec.owner.p50", "cluster.exec.other.p50", "cluster.exec.hop_added.p50", "cluster.throughput",
        "cluster.memory.per_session.a", "cluster.memory.per_session.b", "cluster.memory.per_session.c",
    ];

    [Fact]
    public async Task Smoke_EveryMeasurement_ReportsEveryMetricWithAllAnswersValid()
    {
        var output = Path.Combine(Path.GetTempPath(), $"sshmcp-bench-smoke-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, log) = await RunBenchAsync("--smoke", "--out", output);

            Assert.True(exitCode == 0, $"the benchmark exited with {exitCode}:\n{log}");
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var metrics = document.RootElement.GetProperty("metrics").EnumerateArray().ToList();
            Assert.Equal(ExpectedMetrics.Order(), metrics.Select(m => m.GetProperty("name").GetString()!).Order());
            Assert.All(metrics, m =>
            {
                var name = m.GetProperty("name").GetString();
                var samples = m.GetProperty("samples").GetInt32();
                Assert.True(samples > 0, $"{name} has no sample");
                Assert.True(m.GetProperty("valid").GetInt32() == samples, $"{name}: {m.GetProperty("valid")} of {samples} answers valid\n{log}");
                Assert.True(double.IsFinite(m.GetProperty("value").GetDouble()), $"{name} has no value");
            });
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Smoke_OnlyAudit_ReportsTheAuditCostWithAllAnswersValid()
    {
        var output = Path.Combine(Path.GetTempPath(), $"sshmcp-bench-audit-smoke-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, log) = await RunBenchAsync("--smoke", "--only", "audit", "--out", output);

            Assert.True(exitCode == 0, $"the benchmark exited with {exitCode}:\n{log}");
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var metrics = document.RootElement.GetProperty("metrics").EnumerateArray().ToList();
            Assert.Equal(
                ["exec.stdio.audit.p50", "exec.stdio.audit.p90", "exec.stdio.audit_fsync.p50", "exec.stdio.audit_fsync.p90"],
                metrics.Select(m => m.GetProperty("name").GetString()!).Order());
            Assert.All(metrics, m => Assert.Equal(m.GetProperty("samples").GetInt32(), m.GetProperty("valid").GetInt32()));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Smoke_OnlyRuns_ReportsWhatRunsCostWithAllAnswersValid()
    {
        var output = Path.Combine(Path.GetTempPath(), $"sshmcp-bench-runs-smoke-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, log) = await RunBenchAsync("--smoke", "--only", "runs", "--out", output);

            Assert.True(exitCode == 0, $"the benchmark exited with {exitCode}:\n{log}");
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var metrics = document.RootElement.GetProperty("metrics").EnumerateArray().ToList();
            Assert.Equal(
                ["background.start.stdio.p50", "output64mb.read.stdio", "output64mb.rss_growth", "output64mb.save.stdio"],
                metrics.Select(m => m.GetProperty("name").GetString()!).Order());
            Assert.All(metrics, m => Assert.True(m.GetProperty("samples").GetInt32() == m.GetProperty("valid").GetInt32(), $"{m}\n{log}"));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Smoke_OnlyFiles_ReportsTransfersAgainstScpWithAllAnswersValid()
    {
        var output = Path.Combine(Path.GetTempPath(), $"sshmcp-bench-files-smoke-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, log) = await RunBenchAsync("--smoke", "--only", "files", "--out", output);

            Assert.True(exitCode == 0, $"the benchmark exited with {exitCode}:\n{log}");
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var metrics = document.RootElement.GetProperty("metrics").EnumerateArray().ToList();
            Assert.Equal(
                ["files.openssh.download", "files.openssh.rss_growth", "files.openssh.upload", "files.sshnet.download", "files.sshnet.rss_growth", "files.sshnet.upload"],
                metrics.Select(m => m.GetProperty("name").GetString()!).Order());
            Assert.All(metrics, m => Assert.True(m.GetProperty("samples").GetInt32() == m.GetProperty("valid").GetInt32(), $"{m}\n{log}"));
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static async Task<(int ExitCode, string Log)> RunBenchAsync(params string[] arguments)
    {
        var dll = typeof(BenchSmokeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SshMcpBenchDll").Value!;
        var startInfo = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(RunBound);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
