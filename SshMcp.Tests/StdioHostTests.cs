using Microsoft.Extensions.Configuration;
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

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("", null, false)]
    [InlineData("http://127.0.0.1:4317", null, true)]
    [InlineData("http://127.0.0.1:4317", "false", true)]
    [InlineData("http://127.0.0.1:4317", "true", false)]
    [InlineData("http://127.0.0.1:4317", "TRUE", false)]
    public void ExportsTelemetry_WithEndpointAndSdkSwitch_IsTrueOnlyWhenSomethingReceivesIt(string? endpoint, string? disabled, bool expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StdioHost.OtlpEndpointKey] = endpoint, [StdioHost.SdkDisabledKey] = disabled })
            .Build();

        Assert.Equal(expected, StdioHost.ExportsTelemetry(configuration));
    }

    [Fact]
    public void CreateBuilder_WithEndpointOnTheCommandLine_ExportsTelemetry()
    {
        var builder = StdioHost.CreateBuilder([$"--{StdioHost.OtlpEndpointKey}=http://127.0.0.1:4317"]);

        Assert.True(StdioHost.ExportsTelemetry(builder.Configuration));
    }
}
