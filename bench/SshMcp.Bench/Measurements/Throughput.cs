using System.Diagnostics;
using System.Globalization;
using Renci.SshNet;
using SshMcp.Bench.Floors;
using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;
using SshMcp.TestKit;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// Many sessions at once through one MCP client, each running its commands one after another, against as many raw
/// SSH.NET shells doing the same. Each command echoes its own tag, and each answer must carry it.
/// </summary>
internal static class Throughput
{
    public static async Task RunAsync(BenchContext context, RunningServer server)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(server);
        var (sessions, perSession) = (context.Settings.Sessions, context.Settings.ExecsPerSession);

        var (floorRate, floorValid) = await RawAsync(context.Sshd, sessions, perSession);

        var tools = new SshTools(server.Client);
        var ids = await Task.WhenAll(Enumerable.Range(0, sessions).Select(_ => tools.OpenOrThrowAsync(context.Sshd)));
        await Task.WhenAll(ids.Select(id => tools.ExecAsync(id, "true")));
        var valid = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(ids.Select((id, s) => Task.Run(async () =>
        {
            for (var i = 0; i < perSession; i++)
            {
                var tag = Tag(s, i);
                if (await Sample.AnsweredRightAsync(async () => (await tools.ExecAsync(id, "echo " + tag)).Is(tag + "\n")))
                {
                    Interlocked.Increment(ref valid);
                }
            }
        })));
        var rate = sessions * perSession / Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.WhenAll(ids.Select(tools.CloseAsync));

        context.Report.Add(new Metric(
            "throughput.stdio",
            rate,
            "execs/s",
            floorRate,
            floorValid == sessions * perSession ? valid : 0,
            sessions * perSession,
            Goal.RatioAtLeast(0.5),
            string.Create(CultureInfo.InvariantCulture, $"{sessions} sessions x {perSession} execs; floor: {sessions} raw SSH.NET shells")));
    }

    private static async Task<(double Rate, int Valid)> RawAsync(TestSshd sshd, int sessions, int perSession)
    {
        var clients = new List<SshClient>();
        var shells = new List<RawShell>();
        try
        {
            foreach (var client in await Task.WhenAll(Enumerable.Range(0, sessions).Select(_ => SshTestClient.ConnectWithPasswordAsync(sshd))))
            {
                clients.Add(client);
                shells.Add(await RawShell.StartAsync(client, RawSsh.BareShell));
            }

            var valid = 0;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(shells.Select((shell, s) => Task.Run(async () =>
            {
                for (var i = 0; i < perSession; i++)
                {
                    var tag = Tag(s, i);
                    if (await Sample.AnsweredRightAsync(async () => await shell.RunAsync("echo " + tag) == new RawAnswer(tag + "\n", 0)))
                    {
                        Interlocked.Increment(ref valid);
                    }
                }
            })));
            return (sessions * perSession / Stopwatch.GetElapsedTime(started).TotalSeconds, valid);
        }
        finally
        {
            shells.ForEach(s => s.Dispose());
            clients.ForEach(c => c.Dispose());
        }
    }

    private static string Tag(int session, int call) => string.Create(CultureInfo.InvariantCulture, $"s{session}c{call}");
}
