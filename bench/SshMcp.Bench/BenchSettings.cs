using System.Globalization;

namespace SshMcp.Bench;

/// <summary>
/// How many of everything: the full run of the issue, or a smoke run with tiny counts for the tests. The latency
/// warm-up is long (1000 rounds) because the runtime keeps recompiling hot methods for a few thousand calls after
/// start (tiered compilation); the figures are for a server that has been in use, as an agent's is. Opens are 30 of
/// each kind: a login's own time varies by ±30 ms from one to the next on a 2-core machine, and with 10 the median of
/// the same build moved from 1.03x to 1.12x of its floor between runs.
/// </summary>
internal sealed record BenchSettings(
    bool Smoke,
    int Warmup,
    int LatencyCalls,
    int Sessions,
    int ExecsPerSession,
    int Opens,
    int BigOutputRuns,
    int ColdStarts,
    int IdleSessions,
    string OutputPath,
    string? Only = null)
{
    /// <summary>Another build's SshMcp.Server.dll to compare cold start and RSS with (<c>--baseline DLL</c>); null for none.</summary>
    public string? BaselineServerDll { get; init; }

    /// <summary>Whether to run the three-replica cluster measurements (<c>--no-cluster</c> skips them).</summary>
    public bool Cluster { get; init; } = true;

    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var smoke = args.Contains("--smoke");
        var outIndex = args.ToList().IndexOf("--out");
        var output = outIndex >= 0 && outIndex + 1 < args.Count
            ? args[outIndex + 1]
            : Path.Combine(
                FindRepositoryRoot() ?? Directory.GetCurrentDirectory(),
                "bench",
                "results",
                string.Create(CultureInfo.InvariantCulture, $"bench-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}{(smoke ? "-smoke" : "")}.json"));
        // --only audit: just the audit log's cost (AuditCost); --only runs: just what runs cost (RunsCost); --only files:
        // just file transfers against scp (FileTransfer).
        var onlyIndex = args.ToList().IndexOf("--only");
        var only = onlyIndex >= 0 && onlyIndex + 1 < args.Count ? args[onlyIndex + 1] : null;
        var baselineIndex = args.ToList().IndexOf("--baseline");
        var settings = smoke
            ? new BenchSettings(true, 2, 5, 2, 3, 2, 1, 1, 3, output, only)
            : new BenchSettings(false, 1000, 300, 16, 50, 30, 3, 5, 100, output, only);
        return settings with
        {
            BaselineServerDll = baselineIndex >= 0 && baselineIndex + 1 < args.Count ? Path.GetFullPath(args[baselineIndex + 1]) : null,
            Cluster = !args.Contains("--no-cluster"),
        };
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SshMcp.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
