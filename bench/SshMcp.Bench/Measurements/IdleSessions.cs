using System.Globalization;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;
using SshMcp.TestKit;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// What an idle session costs on each transport: the server's threads (the goal for openssh is none: its pipes are
/// read asynchronously), the server's RSS, and for openssh the RSS of the ssh processes it keeps (a master and the
/// shell's client). Sessions are opened, left idle, measured, and closed.
/// </summary>
internal static class IdleSessions
{
    private const double KiB = 1024;

    public static async Task RunAsync(BenchContext context, RunningServer server)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(server);
        foreach (var transport in new[] { SshTools.SshNet, SshTools.OpenSsh })
        {
            await MeasureAsync(context, server, transport);
        }
    }

    private static async Task MeasureAsync(BenchContext context, RunningServer server, string transport)
    {
        var tools = new SshTools(server.Client, transport);
        var count = Math.Max(2, context.Settings.IdleSessions / 5);
        var warm = await tools.OpenOrThrowAsync(context.Sshd);
        await tools.ExecAsync(warm, "true");
        await tools.CloseAsync(warm);
        await tools.PingAsync();
        var threadsBefore = ProcessMemory.Threads(server.Pid);
        var rssBefore = ProcessMemory.Rss(server.Pid);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            if (await tools.OpenAsync(context.Sshd) is { } id && (await tools.ExecAsync(id, "true")).Is(""))
            {
                ids.Add(id);
            }
        }

        await tools.PingAsync();
        var threads = (ProcessMemory.Threads(server.Pid) - threadsBefore) / (double)count;
        var rss = (ProcessMemory.Rss(server.Pid) - rssBefore) / KiB / count;
        var children = ProcessTree.Descendants(server.Pid).Where(p => p.Argv.Contains("ssh ", StringComparison.Ordinal)).Sum(p => ProcessMemory.Rss(p.Pid)) / KiB / count;
        foreach (var id in ids)
        {
            await tools.CloseAsync(id);
        }

        var note = string.Create(CultureInfo.InvariantCulture, $"{count} idle sessions, each after one ssh_exec");
        context.Report.Add(new Metric($"sessions.{transport}.threads_each", threads, "threads", null, ids.Count, count, transport == SshTools.OpenSsh ? Goal.ValueAtMost(0.1) : null, note));
        context.Report.Add(new Metric($"sessions.{transport}.server_rss_each", rss, "KiB", null, ids.Count, count, Note: "the server's RSS growth per session"));
        if (transport == SshTools.OpenSsh)
        {
            context.Report.Add(new Metric("sessions.openssh.ssh_rss_each", children, "KiB", null, ids.Count, count, Note: "RSS of the ssh processes per session (the master and the shell's channel)"));
        }
    }
}
