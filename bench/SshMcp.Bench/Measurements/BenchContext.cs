using SshMcp.Bench.Reporting;
using SshMcp.TestKit;

namespace SshMcp.Bench.Measurements;

/// <summary>What every measurement needs: the counts, the private sshd, where servers live, and the report.</summary>
internal sealed class BenchContext(BenchSettings settings, TestSshd sshd, string runDirectory, Report report)
{
    private readonly BoundedLog _serverLog = new(32 * 1024);

    public BenchSettings Settings { get; } = settings;

    public TestSshd Sshd { get; } = sshd;

    public Report Report { get; } = report;

    public Dictionary<string, string?> ServerEnvironment { get; } = Server.ServerSettings.Environment(runDirectory);

    /// <summary>The last lines the servers wrote to stderr, shown when a run fails.</summary>
    public string ServerLog => _serverLog.ToString();

    public void ServerSaid(string line) => _serverLog.Append(line);

    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    public static void Progress(string message) => Console.Error.WriteLine($"[bench {Clock.Elapsed.TotalSeconds,5:0.0}s] {message}");
}
