using Microsoft.AspNetCore.Builder;
using ModelContextProtocol.AspNetCore;
using SshMcp.Server;
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
    var builder = WebApplication.CreateBuilder(command.ConfigurationArgs);
    builder.AddServiceDefaults();
    builder.AddSshMcp().WithHttpTransport(o => o.SessionMode = HttpServerSessionMode.Stateful);
    HttpEndpointSetup.Listen(builder);

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapMcp("/mcp");
    await app.RunAsync();
}

return 0;
