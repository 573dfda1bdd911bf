using SshMcp.Server;
using SshMcp.Server.Cluster;
using SshMcp.Server.Http;

var command = CommandLine.Parse(args);
if (command.Exit is { } exit)
{
    return exit;
}

if (command.Stdio)
{
    // stdio: stdout carries only the protocol; every log line goes to stderr.
    var builder = StdioHost.CreateBuilder(command.ConfigurationArgs);
    if (ClusterMode.IsConfigured(builder.Configuration))
    {
        await Console.Error.WriteLineAsync("sshmcp: " + ClusterMode.StdioRefusal);
        return CommandLine.UsageError;
    }

    builder.Logging.ClearProviders();
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    if (StdioHost.ExportsTelemetry(builder.Configuration))
    {
        builder.AddServiceDefaults();
    }

    builder.AddSshMcp().WithStdioServerTransport();
    await builder.Build().RunAsync();
}
else
{
    // HTTP: Streamable HTTP at /mcp behind the Host/Origin guards and the bearer token; see Http/SshMcpHttpApp.
    return await SshMcpHttpApp.RunAsync(command.ConfigurationArgs);
}

return 0;
