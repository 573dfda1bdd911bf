using SshMcp.Bench.Floors;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// <c>ssh_open</c> with a password (the session closed after each, untimed) against SSH.NET connecting,
/// authenticating, starting the user's login shell and seeing it answer; and <c>ssh_open</c> on the openssh transport
/// with the fixture's key against the system ssh making a master connection and running <c>true</c> with the same key.
/// Median of each. After one untimed pair (the first open of a host takes the full host key check, as the floor's first
/// login warms the machine's caches), they alternate in the order floor, open, open, floor: each login leaves the host
/// tearing down its session while the next one starts, and this order gives both sides the same share of that.
/// </summary>
internal static class OpenLatency
{
    public static async Task RunAsync(BenchContext context, RunningServer server)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(server);
        var tools = new SshTools(server.Client);
        var (floor, open) = await AlternateAsync(
            context.Settings.Opens,
            async () =>
            {
                var (client, shell) = await RawSsh.OpenLoginShellAsync(context.Sshd);
                shell.Dispose();
                client.Dispose();
                return true;
            },
            () => tools.OpenAsync(context.Sshd),
            tools);

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
        var (floor, open) = await AlternateAsync(context.Settings.Opens, raw.MasterTrueAsync, () => tools.OpenAsync(context.Sshd, context.Sshd.PrivateKeyPath), tools);

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

    /// <summary>One untimed pair, then <paramref name="count"/> of each in the order floor, open, open, floor; each session is closed untimed.</summary>
    private static async Task<(Sample Floor, Sample Open)> AlternateAsync(int count, Func<Task<bool>> floorCall, Func<Task<string?>> openCall, SshTools tools)
    {
        var floor = new Sample();
        var open = new Sample();
        async Task<bool> OpenAndCloseAsync(Sample? into)
        {
            string? session = null;
            var answered = into is null
                ? (session = await openCall()) is not null
                : await into.TimeAsync(async () => (session = await openCall()) is not null);
            if (session is not null)
            {
                await tools.CloseAsync(session);
            }

            return answered;
        }

        await floorCall();
        await OpenAndCloseAsync(null);
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                await floor.TimeAsync(floorCall);
                await OpenAndCloseAsync(open);
            }
            else
            {
                await OpenAndCloseAsync(open);
                await floor.TimeAsync(floorCall);
            }
        }

        return (floor, open);
    }
}
