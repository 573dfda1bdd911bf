using Renci.SshNet;
using SshMcp.Bench.Floors;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// A command printing 5 MB, through <c>ssh_exec</c> (which keeps 32 KiB of it and counts the rest) against a raw
/// SSH.NET exec of the same command streamed to the end, on each transport; and the server's peak RSS growth while it
/// runs (sshnet: with openssh the bytes cross the ssh process first).
/// </summary>
internal static class BigOutput
{
    public const string Command = "head -c 3750000 /dev/urandom | base64";

    /// <summary>3,750,000 bytes in base64: 5,000,000 characters in lines of 76, each with its newline.</summary>
    public const long ExpectedBytes = 5_000_000 + ((5_000_000 + 75) / 76);

    private const double MiB = 1024 * 1024;

    private static bool IsRight(ExecAnswer answer) =>
        answer is { IsError: false, ExitCode: 0, StdoutBytes: ExpectedBytes, Truncated: true, Stdout.Length: > 1000 };

    public static async Task RunAsync(BenchContext context, RunningServer server, SshClient rawClient)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(server);
        var tools = new SshTools(server.Client);
        var openSshTools = new SshTools(server.Client, SshTools.OpenSsh);
        var session = await tools.OpenOrThrowAsync(context.Sshd);
        var openSshSession = await openSshTools.OpenOrThrowAsync(context.Sshd);
        var floor = new Sample();
        var exec = new Sample();
        var openSshExec = new Sample();
        var growth = 0L;
        for (var i = 0; i < context.Settings.BigOutputRuns; i++)
        {
            await floor.TimeAsync(async () => await RawSsh.CountOutputAsync(rawClient, Command) == (ExpectedBytes, 0));

            await using var sampler = RssSampler.Start(server.Pid);
            await exec.TimeAsync(async () => IsRight(await tools.ExecAsync(session, Command)));
            growth = Math.Max(growth, await sampler.StopAsync() - sampler.Baseline);
            await openSshExec.TimeAsync(async () => IsRight(await openSshTools.ExecAsync(openSshSession, Command)));
        }

        await tools.CloseAsync(session);
        await openSshTools.CloseAsync(openSshSession);
        var valid = floor.Valid == floor.Count ? exec.Valid : 0;
        context.Report.Add(new Metric("output5mb.stdio.median", exec.Percentile(50), "ms", floor.Percentile(50), valid, exec.Count, Goal.RatioAtMost(1.5), "floor: raw SSH.NET exec, streamed"));
        context.Report.Add(new Metric("output5mb.rss_growth", growth / MiB, "MiB", null, valid, exec.Count, Goal.ValueAtMost(32), "peak VmRSS during the call minus before it"));
        context.Report.Add(new Metric(
            "output5mb.openssh.stdio.median",
            openSshExec.Percentile(50),
            "ms",
            floor.Percentile(50),
            floor.Valid == floor.Count ? openSshExec.Valid : 0,
            openSshExec.Count,
            Goal.RatioAtMost(1.5),
            "transport openssh; floor: raw SSH.NET exec, streamed"));
    }
}
