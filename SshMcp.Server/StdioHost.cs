using Microsoft.Extensions.Configuration;

namespace SshMcp.Server;

/// <summary>
/// The stdio host: the .NET defaults, with two costs taken out of every start and every call.
/// <list type="bullet">
/// <item>Configuration files are read once, not watched. A client starts the server in its own working directory
/// (often a large project): the default reload watcher puts an inotify watch on every directory under it at start
/// and wakes on every file the agent writes.</item>
/// <item><c>SshMcp:Files:LocalRoot</c> defaults to the working directory: <c>localPath</c> of the file tools may
/// use the project the client started the server in (an HTTP server has no default).</item>
/// <item>Telemetry is wired only when it goes somewhere (<see cref="ExportsTelemetry"/>). Over stdio there is no
/// health endpoint either, so without an OTLP endpoint the service defaults would only record spans, metrics and
/// log records for nobody; wiring them cost about 50 ms of start and 5 MiB.</item>
/// </list>
/// </summary>
internal static class StdioHost
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string SdkDisabledKey = "OTEL_SDK_DISABLED";

    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var configuration = new ConfigurationManager();
        // Defaults first, so that every source the host adds after them (files, environment, command line) wins. The
        // client starts a stdio server in its project: localPath may use that directory unless configured otherwise.
        configuration.AddInMemoryCollection(
        [
            new("hostBuilder:reloadConfigOnChange", "false"),
            new($"{Options.SshMcpOptions.SectionName}:Files:LocalRoot", Environment.CurrentDirectory),
        ]);
        return Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, Configuration = configuration });
    }

    /// <summary>True when an OTLP endpoint is configured and the OpenTelemetry SDK is not switched off.</summary>
    public static bool ExportsTelemetry(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey])
            && !string.Equals(configuration[SdkDisabledKey], "true", StringComparison.OrdinalIgnoreCase);
    }
}
