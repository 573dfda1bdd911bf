using Microsoft.Extensions.Configuration;

namespace SshMcp.Server;

/// <summary>
/// The stdio host's builder: the .NET defaults, with two costs taken out of every start and every call.
/// <list type="bullet">
/// <item>Configuration files are read once, not watched. A client starts the server in its own working directory
/// (often a large project): the default reload watcher puts an inotify watch on every directory under it at start
/// and wakes on every file the agent writes.</item>
/// <item>Without an OTLP endpoint nothing receives telemetry, so the OpenTelemetry SDK is switched off
/// (<c>OTEL_SDK_DISABLED</c>) instead of recording spans, metrics and log records for nobody. Setting
/// <c>OTEL_SDK_DISABLED</c> yourself still decides.</item>
/// </list>
/// </summary>
internal static class StdioHost
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string SdkDisabledKey = "OTEL_SDK_DISABLED";

    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, Configuration = configuration });
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]) && builder.Configuration[SdkDisabledKey] is null)
        {
            builder.Configuration.AddInMemoryCollection([new(SdkDisabledKey, "true")]);
        }

        return builder;
    }
}
