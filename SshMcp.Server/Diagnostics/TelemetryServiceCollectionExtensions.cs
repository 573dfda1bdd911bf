using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SshMcp.Server.Options;

namespace SshMcp.Server.Diagnostics;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The server's ActivitySource and Meter (<see cref="SshMcpTelemetry"/>) and their options.</summary>
    public static IHostApplicationBuilder AddSshMcpTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.SectionName));
        builder.Services.AddSingleton<SshMcpTelemetry>();
        return builder;
    }
}
