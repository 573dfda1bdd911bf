using SshMcp.Bench.Floors;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// <c>ssh_exec true</c>, sequential, against its floor: a raw persistent shell round trip plus an MCP ping on the same
/// transport. With <paramref name="alsoOpenSsh"/>, the same on a session of the openssh transport, against the sshnet
/// figure. All are interleaved call by call so that they share the machine's noise.
/// </summary>
internal static class ExecLatency
{
    public static async Task RunAsync(BenchContext context, RunningServer server, RawShell raw, Goal p50Goal, bool alsoOpenSsh = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(raw);
        var tools = new SshTools(server.Client);
        var openSshTools = new SshTools(server.Client, SshTools.OpenSsh);
        var session = await tools.OpenOrThrowAsync(context.Sshd);
        var openSshSession = alsoOpenSsh ? await openSshTools.OpenOrThrowAsync(context.Sshd) : null;
        var rawSample = new Sample();
        var ping = new Sample();
        var exec = new Sample();
        var openSshExec = new Sample();
        for (var i = 0; i < context.Settings.Warmup + context.Settings.LatencyCalls; i++)
        {
            if (i == context.Settings.Warmup)
            {
                (rawSample, ping, exec, openSshExec) = (new Sample(), new Sample(), new Sample(), new Sample());
            }

            await rawSample.TimeAsync(async () => (await raw.RunAsync("true")) is { ExitCode: 0, Output: "" });
            await ping.TimeAsync(tools.PingAsync);
            await exec.TimeAsync(async () => (await tools.ExecAsync(session, "true")).Is(""));
            if (openSshSession is not null)
            {
                await openSshExec.TimeAsync(async () => (await openSshTools.ExecAsync(openSshSession, "true")).Is(""));
            }
        }

        await tools.CloseAsync(session);
        if (openSshSession is not null)
        {
            await openSshTools.CloseAsync(openSshSession);
            foreach (var p in new[] { 50, 90, 99 })
            {
                context.Report.Add(new Metric(
                    $"exec.openssh.{server.Transport}.p{p}",
                    openSshExec.Percentile(p),
                    "ms",
                    exec.Percentile(p),
                    exec.Valid == exec.Count ? openSshExec.Valid : 0,
                    openSshExec.Count,
                    p == 50 ? Goal.RatioAtMost(1.2) : null,
                    p == 50 ? "transport openssh; floor: the sshnet figure above, same percentile" : null));
            }
        }

        var t = server.Transport;
        var valid = Math.Min(rawSample.Valid, ping.Valid) == rawSample.Count ? exec.Valid : 0;
        foreach (var p in new[] { 50, 90, 99 })
        {
            context.Report.Add(new Metric(
                $"exec.{t}.p{p}",
                exec.Percentile(p),
                "ms",
                rawSample.Percentile(p) + ping.Percentile(p),
                valid,
                exec.Count,
                p == 50 ? p50Goal : null,
                p == 50 ? "floor: raw shell round trip + MCP ping, same percentile" : null));
        }

        context.Report.Add(new Metric($"floor.shell_rt.{t}.p50", rawSample.Percentile(50), "ms", null, rawSample.Valid, rawSample.Count, Note: "SSH.NET bash -s, marker echo, dedicated reader"));
        context.Report.Add(new Metric($"floor.ping.{t}.p50", ping.Percentile(50), "ms", null, ping.Valid, ping.Count));
    }
}
