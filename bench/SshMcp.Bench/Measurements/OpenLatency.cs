using SshMcp.Bench.Floors;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// <c>ssh_open</c> with a password (the session closed after each, untimed) against SSH.NET connecting,
/// authenticating, starting the user's login shell and seeing it answer; and <c>ssh_open</c> on the openssh transport
/// with the fixture's key against the system ssh making a master connection and running <c>true</c> with the same key.
/// Alternated, median of each.
/// </summary>
internal static class OpenLatency
{
    public static async Task RunAsync(BenchContext context, RunningServer server)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(server);
        var tools = new SshTools(server.Client);
        var floor = new Sample();
        var open = new Sample();
        for (var i = 0; i < context.Settings.Opens; i++)
        {
            await floor.TimeAsync(async () =>
            {
                var (client, shell) = await RawSsh.OpenLoginShellAsync(context.Sshd);
                shell.Dispose();
                client.Dispose();
                return true;
            });

            string? session = null;
            await open.TimeAsync(async () => (session = await tools.OpenAsync(context.Sshd)) is not null);
            if (session is not null)
            {
                await tools.CloseAsync(session);
            }
        }

        await OpenSshAsync(context, server);
        context.Report.Add(new Metric(
            "open.stdio.median",
            open.Percentile(50),
            "ms",
            floor.Percentile(50),
            floor.Valid == floor.Count ? open.Valid : 0,
            open.Count,
            Goal.RatioAtMost(1.1),
            "password; floor: SSH.NET connect + auth + login shell answering"));
    }

    private static async Task OpenSshAsync(BenchContext context, RunningServer server)
    {
        var tools = new SshTools(server.Client, SshTools.OpenSsh);
        using var raw = new RawOpenSsh(context.Sshd);
        var floor = new Sample();
        var open = new Sample();
        for (var i = 0; i < context.Settings.Opens; i++)
        {
            await floor.TimeAsync(raw.MasterTrueAsync);
            string? session = null;
            await open.TimeAsync(async () => (session = await tools.OpenAsync(context.Sshd, context.Sshd.PrivateKeyPath)) is not null);
            if (session is not null)
            {
                await tools.CloseAsync(session);
            }
        }

        context.Report.Add(new Metric(
            "open.openssh.stdio.median",
            open.Percentile(50),
            "ms",
            floor.Percentile(50),
            floor.Valid == floor.Count ? open.Valid : 0,
            open.Count,
            Goal.RatioAtMost(1.1),
            "transport openssh, key; floor: ssh -o ControlMaster=yes host true, same key"));
    }
}
