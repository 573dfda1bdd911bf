using SshMcp.Bench.Reporting;
using SshMcp.Bench.Server;

namespace SshMcp.Bench.Measurements;

/// <summary>
/// From spawning the stdio server to its <c>initialize</c> answer, against a do-nothing MCP server on the same SDK
/// (this benchmark in <c>--null-server</c> mode). Alternated, median of each.
/// </summary>
internal static class ColdStart
{
    public static async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var floor = new Sample();
        var server = new Sample();
        for (var i = 0; i < context.Settings.ColdStarts; i++)
        {
            await TimeStartAsync(floor, ServerPaths.BenchDll, [NullServer.Switch], "null");
            await TimeStartAsync(server, ServerPaths.ServerDll, ["--stdio"], "SshMcp");
        }

        context.Report.Add(new Metric(
            "coldstart.stdio.median",
            server.Percentile(50),
            "ms",
            floor.Percentile(50),
            floor.Valid == floor.Count ? server.Valid : 0,
            server.Count,
            Goal.RatioAtMost(1.3),
            "spawn to initialize answered; floor: do-nothing MCP server, same SDK"));

        async Task TimeStartAsync(Sample sample, string dll, string[] arguments, string expectedName)
        {
            RunningServer? running = null;
            try
            {
                running = await RunningServer.StartStdioAsync(dll, arguments, context.ServerEnvironment, context.ServerSaid);
                sample.Add(running.StartMilliseconds, running.Client.ServerInfo?.Name == expectedName);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException)
            {
                BenchContext.Progress($"{expectedName} did not start: {e.Message}");
                sample.Add(double.NaN, false);
            }
            finally
            {
                if (running is not null)
                {
                    await running.DisposeAsync();
                }
            }
        }
    }
}
