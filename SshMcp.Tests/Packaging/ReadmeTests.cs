using System.Text.Json;
using System.Text.RegularExpressions;

namespace SshMcp.Tests.Packaging;

/// <summary>
/// The README's install and client snippets agree with the package: JSON that parses, one dnx command line, and
/// the mcp-name marker the MCP registry looks for in the package's README.
/// </summary>
public sealed partial class ReadmeTests
{
    private static readonly string RepositoryRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(BuildInfo.ServerProject)!, ".."));
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));
    private static readonly string[] DnxArguments = ["dnx", "SshMcp", "--yes", "--", "--stdio"];

    [Fact]
    public void Readme_JsonSnippets_AreValidJson()
    {
        var snippets = JsonBlock().Matches(Readme).Select(m => m.Groups["body"].Value).ToList();

        Assert.True(snippets.Count >= 3, $"expected the VS Code, Cursor and Claude Desktop snippets; found {snippets.Count} JSON blocks");
        Assert.All(snippets, snippet => JsonDocument.Parse(snippet).Dispose());
    }

    [Fact]
    public void Readme_DnxCommands_AllStartThePackageOverStdio()
    {
        var commandLines = DnxCommand().Matches(Readme).Select(m => m.Value).ToList();
        var jsonArguments = JsonBlock().Matches(Readme)
            .Select(m => JsonDocument.Parse(m.Groups["body"].Value).RootElement)
            .SelectMany(root => root.EnumerateObject().Where(p => p.Name is "servers" or "mcpServers").SelectMany(p => p.Value.EnumerateObject()))
            .Where(server => server.Value.TryGetProperty("command", out var command) && command.GetString() == "dotnet")
            .Select(server => server.Value.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray())
            .ToList();

        Assert.NotEmpty(commandLines);
        // `dotnet dnx`: a bare `dnx` is not on PATH with Debian's and Ubuntu's packaged .NET SDK.
        Assert.All(commandLines, line => Assert.Equal("dotnet dnx SshMcp --yes -- --stdio", line));
        Assert.Equal(3, jsonArguments.Count);
        Assert.All(jsonArguments, arguments => Assert.Equal(DnxArguments, arguments));
    }

    [Fact]
    public void Readme_McpNameMarker_MatchesServerJsonName()
    {
        using var serverJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "SshMcp.Server", ".mcp", "server.json")));
        var name = serverJson.RootElement.GetProperty("name").GetString();

        Assert.Contains($"<!-- mcp-name: {name} -->", Readme, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^```json\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"(?:\bdotnet )?\bdnx SshMcp[^`\n]*")]
    private static partial Regex DnxCommand();
}
