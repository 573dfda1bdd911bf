using System.Text.Json;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SshMcp.Tests.Packaging;

/// <summary>
/// The NuGet package as users get it: packed, installed with <c>dotnet tool install</c> into a temp tool path,
/// then run as <c>sshmcp --stdio</c> by the real MCP client against the test sshd; and its metadata, including the
/// <c>.mcp/server.json</c> that MCP registries and clients read.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class PackedToolTests(SshdFixture sshd, PackedToolFixture tool, ITestOutputHelper output) : IClassFixture<PackedToolFixture>
{
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Tool_StdioWithMcpClient_ListsToolsAndRunsACommandOnTheHost()
    {
        output.WriteLine($"dotnet pack --no-build took {tool.PackDuration.TotalSeconds:F1} s");
        await using var server = await StdioSession.StartAsync(tool.Command, ["--stdio"]);

        var tools = await server.Client.ListToolsAsync().AsTask().WaitAsync(StdioSession.CallBound);
        var open = await server.OpenAsync(sshd);
        var exec = await server.ExecAsync(open.SessionId, "echo hi");
        var close = await server.CloseAsync(open.SessionId);

        Assert.Subset(tools.Select(t => t.Name).ToHashSet(), new HashSet<string> { ToolNames.Open, ToolNames.Exec, ToolNames.Close });
        Assert.Equal("hi\n", exec.Stdout);
        Assert.Equal("", exec.Stderr);
        Assert.Equal(0, exec.ExitCode);
        Assert.True(close.Closed);
        Assert.Equal(tool.Version, server.Client.ServerInfo?.Version);
        Assert.Empty(server.Stdout.Rejected);
    }

    [Fact]
    public async Task Tool_Help_PrintsUsageAndExitsZero()
    {
        var result = await DotnetCli.RunProgramAsync(tool.Command, ["--help"], RunBound, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage: sshmcp", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--stdio", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task Tool_UnknownArgument_ExitsTwoNamingItOnStderr()
    {
        var result = await DotnetCli.RunProgramAsync(tool.Command, ["--foo"], RunBound, CancellationToken.None);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown argument '--foo'", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Tool_Version_PrintsThePackageVersion()
    {
        var result = await DotnetCli.RunProgramAsync(tool.Command, ["--version"], RunBound, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(tool.Version, result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Dnx_LocalPackage_RunsTheToolWithArgumentsAfterTheSeparator()
    {
        // The README's `dnx SshMcp --yes -- --stdio`, from the local folder, with a package cache of its own.
        var cache = Path.Combine(tool.Root, "dnx-packages");
        var result = await DotnetCli.RunAsync(
            ["dnx", $"{PackedToolFixture.PackageId}@{tool.Version}", "--yes", "--add-source", tool.PackageSource, "--configfile", tool.NuGetConfig, "--", "--version"],
            TimeSpan.FromMinutes(3), CancellationToken.None, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = cache });

        Assert.True(result.ExitCode == 0, $"dnx exited with {result.ExitCode}: {result.StandardError}{result.StandardOutput}");
        Assert.Equal(tool.Version, result.StandardOutput.Trim().Split('\n')[^1].Trim());
    }

    [Fact]
    public void Package_ServerJson_HasTheRegistrySchemasRequiredFields()
    {
        var text = tool.ReadPackageFile(".mcp/server.json");
        Assert.NotNull(text);

        Assert.Empty(ServerJsonRules.Problems(text));
    }

    [Fact]
    public void Package_ServerJson_DescribesThisPackageOverStdio()
    {
        using var document = JsonDocument.Parse(tool.ReadPackageFile(".mcp/server.json")!);
        var root = document.RootElement;
        var package = root.GetProperty("packages").EnumerateArray().Single();

        Assert.Equal(tool.Version, ServerJsonRules.String(root, "version"));
        Assert.Equal("nuget", ServerJsonRules.String(package, "registryType"));
        Assert.Equal(PackedToolFixture.PackageId, ServerJsonRules.String(package, "identifier"));
        Assert.Equal(tool.Version, ServerJsonRules.String(package, "version"));
        Assert.Equal("dnx", ServerJsonRules.String(package, "runtimeHint"));
        Assert.Equal("stdio", ServerJsonRules.String(package.GetProperty("transport"), "type"));
        var argument = Assert.Single(package.GetProperty("packageArguments").EnumerateArray());
        Assert.Equal("positional", ServerJsonRules.String(argument, "type"));
        Assert.Equal("--stdio", ServerJsonRules.String(argument, "value"));
        var key = package.GetProperty("environmentVariables").EnumerateArray().Single(v => ServerJsonRules.String(v, "name") == "SSH_PRIVATE_KEY");
        Assert.True(key.GetProperty("isSecret").GetBoolean());
        Assert.False(key.GetProperty("isRequired").GetBoolean());
        Assert.All(package.GetProperty("environmentVariables").EnumerateArray(), v => Assert.False(string.IsNullOrWhiteSpace(ServerJsonRules.String(v, "description"))));
    }

    [Fact]
    public void Package_Nuspec_IsAnMcpServerToolWithItsMetadata()
    {
        var nuspec = tool.ReadNuspec();
        string? Field(string name) => nuspec.Descendants().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        var packageTypes = nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name")).ToList();
        var license = nuspec.Descendants().Single(e => e.Name.LocalName == "license");
        var repository = nuspec.Descendants().Single(e => e.Name.LocalName == "repository");

        Assert.Equal(PackedToolFixture.PackageId, Field("id"));
        Assert.Contains("DotnetTool", packageTypes);
        Assert.Contains("McpServer", packageTypes);
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", Field("readme"));
        Assert.StartsWith("https://", (string?)repository.Attribute("url"), StringComparison.Ordinal);
        Assert.Contains("mcp", Field("tags")!.Split(' '));
        Assert.Contains("SSH", Field("description"), StringComparison.Ordinal);
        Assert.Contains("README.md", tool.PackageEntries());
    }

    [Fact]
    public void Package_ToolSettings_NameTheSshmcpCommand()
    {
        var settings = tool.ReadPackageFile(tool.PackageEntries().Single(e => e.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)));

        Assert.Contains($"Name=\"{PackedToolFixture.CommandName}\"", settings, StringComparison.Ordinal);
        Assert.Contains("EntryPoint=\"SshMcp.Server.dll\"", settings, StringComparison.Ordinal);
    }
}
