using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests;

/// <summary>The MCP SDK's own log categories: Warning unless configured, never below Information.</summary>
public sealed class SdkLogLevelTests
{
    private const string SdkCategory = "ModelContextProtocol.Server.McpServer";

    [Fact]
    public void SdkCategories_Unconfigured_LogWarningsOnly()
    {
        using var host = Build([]);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(SdkCategory);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void SdkCategories_ConfiguredToInformation_LogInformation()
    {
        using var host = Build(new() { ["Logging:LogLevel:ModelContextProtocol"] = "Information" });
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(SdkCategory);

        Assert.True(logger.IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void SdkCategories_ConfiguredToTrace_StopAtInformation()
    {
        using var host = Build(new() { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:ModelContextProtocol"] = "Trace" });
        var factory = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(factory.CreateLogger(SdkCategory).IsEnabled(LogLevel.Debug));
        Assert.False(factory.CreateLogger("ModelContextProtocol.Server.StdioServerTransport").IsEnabled(LogLevel.Trace));
        Assert.True(factory.CreateLogger("SshMcp.Server.Sessions.SshSession").IsEnabled(LogLevel.Trace));
    }

    [Fact]
    public void SdkCategories_ProviderSpecificDefaultAtTrace_StopAtInformation()
    {
        using var host = Build(new() { [$"Logging:{typeof(CapturingLoggerProvider).FullName}:LogLevel:Default"] = "Trace" });
        var factory = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(factory.CreateLogger("ModelContextProtocol.Server.StdioServerTransport").IsEnabled(LogLevel.Trace));
        Assert.True(factory.CreateLogger("SshMcp.Server.Sessions.SshSession").IsEnabled(LogLevel.Trace));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddProvider(new CapturingLoggerProvider());
        builder.AddSshMcp();
        return builder.Build();
    }
}
