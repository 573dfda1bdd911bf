using System.Text.Json;

namespace SshMcp.Tests.Packaging;

/// <summary>
/// The container image's settings as the .NET SDK computes them for <c>-t:PublishContainer</c> (target
/// ComputeContainerConfig, which needs no container engine and no registry). The image itself is not built here.
/// </summary>
public sealed class ContainerImageTests
{
    private static readonly TimeSpan MsBuildBound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ContainerConfig_ServerProject_ServesHttpOnAllInterfacesAsNonRootUser()
    {
        var result = await DotnetCli.RunAsync(
            ["msbuild", BuildInfo.ServerProject, "-t:ComputeContainerConfig", $"-p:Configuration={BuildInfo.Configuration}", "-nodeReuse:false",
             "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser", "-getProperty:ContainerRepository",
             "-getProperty:ContainerAppCommandInstruction", "-getProperty:ContainerWorkingDirectory",
             "-getItem:ContainerAppCommand", "-getItem:ContainerEnvironmentVariables", "-getItem:ContainerPort"],
            MsBuildBound, CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"msbuild exited with {result.ExitCode}: {result.StandardOutput}{result.StandardError}");
        using var json = JsonDocument.Parse(result.StandardOutput);
        var properties = json.RootElement.GetProperty("Properties");
        var items = json.RootElement.GetProperty("Items");
        string Property(string name) => properties.GetProperty(name).GetString()!;
        string[] Identities(string item) => [.. items.GetProperty(item).EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!)];
        var environment = items.GetProperty("ContainerEnvironmentVariables").EnumerateArray()
            .ToDictionary(i => i.GetProperty("Identity").GetString()!, i => i.GetProperty("Value").GetString());
        var port = Assert.Single(items.GetProperty("ContainerPort").EnumerateArray());

        Assert.EndsWith("/dotnet/aspnet:10.0-noble-chiseled", Property("ContainerBaseImage"), StringComparison.Ordinal);
        Assert.Equal("1654", Property("ContainerUser"));
        Assert.Equal("sshmcp", Property("ContainerRepository"));
        Assert.Equal("Entrypoint", Property("ContainerAppCommandInstruction"));
        Assert.Equal(["dotnet", "/app/SshMcp.Server.dll"], Identities("ContainerAppCommand"));
        Assert.Equal("3000", environment["PORT"]);
        Assert.Equal("0.0.0.0", environment["SshMcp__Http__BindAddress"]);
        Assert.Equal("", environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal(("3000", "tcp"), (port.GetProperty("Identity").GetString(), port.GetProperty("Type").GetString()));
    }
}
