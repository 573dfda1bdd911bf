using Microsoft.Extensions.Configuration.Json;
using SshMcp.Server;

namespace SshMcp.Tests;

public sealed class StdioHostTests
{
    [Fact]
    public void CreateBuilder_Always_ReadsConfigurationFilesWithoutWatchingThem()
    {
        var builder = StdioHost.CreateBuilder([]);

        var jsonSources = builder.Configuration.Sources.OfType<JsonConfigurationSource>().ToList();
        Assert.NotEmpty(jsonSources);
        Assert.All(jsonSources, source => Assert.False(source.ReloadOnChange, $"{source.Path} is watched"));
    }

    [Fact]
    public void CreateBuilder_WithoutOtlpEndpoint_SwitchesTheOpenTelemetrySdkOff()
    {
        var builder = StdioHost.CreateBuilder([]);

        var endpointFromEnvironment = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(StdioHost.OtlpEndpointKey));
        Assert.Equal(endpointFromEnvironment ? null : "true", builder.Configuration[StdioHost.SdkDisabledKey]);
    }

    [Fact]
    public void CreateBuilder_WithOtlpEndpoint_LeavesTheOpenTelemetrySdkOn()
    {
        var builder = StdioHost.CreateBuilder([$"--{StdioHost.OtlpEndpointKey}=http://127.0.0.1:4317"]);

        Assert.Null(builder.Configuration[StdioHost.SdkDisabledKey]);
    }

    [Fact]
    public void CreateBuilder_WithSdkDisabledSetByTheUser_KeepsTheUsersValue()
    {
        var builder = StdioHost.CreateBuilder([$"--{StdioHost.SdkDisabledKey}=false"]);

        Assert.Equal("false", builder.Configuration[StdioHost.SdkDisabledKey]);
    }
}
