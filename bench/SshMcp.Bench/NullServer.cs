using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SshMcp.Bench;

/// <summary>
/// The floor of a cold start: an MCP stdio server on the same SDK and hosting stack that does nothing, so the time
/// to its <c>initialize</c> answer is the runtime's and the SDK's alone.
/// </summary>
internal static class NullServer
{
    public const string Switch = "--null-server";

    public static async Task RunAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services
            .AddMcpServer(o => o.ServerInfo = new() { Name = "null", Version = "1.0" })
            .WithStdioServerTransport();
        await builder.Build().RunAsync();
    }
}
