namespace SshMcp.Tests.Packaging;

/// <summary>The server.json checker itself: it must catch what the registry would reject, or its passing means nothing.</summary>
public sealed class ServerJsonRulesTests
{
    [Fact]
    public void Problems_MinimalNuGetStdioServer_None()
    {
        const string json = """
            {
              "$schema": "https://example.org/schemas/2025-12-11/server.schema.json",
              "name": "io.github.someone/server", "description": "Does things.", "version": "1.0.0",
              "packages": [ { "registryType": "nuget", "identifier": "Some.Server", "version": "1.0.0", "transport": { "type": "stdio" } } ]
            }
            """;

        Assert.Empty(ServerJsonRules.Problems(json));
    }

    [Fact]
    public void Problems_BrokenDocument_ReportsEachBrokenRule()
    {
        var json = $$"""
            {
              "$schema": "https://example.org/server.json",
              "name": "no-namespace", "description": "{{new string('x', 101)}}", "version": "latest",
              "packages": [
                { "registryType": "nuget", "identifier": "Some.Server", "version": "^1.0.0",
                  "packageArguments": [ { "type": "positional" } ], "environmentVariables": [ { "description": "no name" } ] },
                { "registryType": "pip", "transport": { "type": "streamable-http" } }
              ]
            }
            """;

        var problems = ServerJsonRules.Problems(json);

        Assert.Collection(
            problems,
            p => Assert.StartsWith("$schema", p, StringComparison.Ordinal),
            p => Assert.StartsWith("name", p, StringComparison.Ordinal),
            p => Assert.StartsWith("description", p, StringComparison.Ordinal),
            p => Assert.StartsWith("version", p, StringComparison.Ordinal),
            p => Assert.StartsWith("packages[0].version", p, StringComparison.Ordinal),
            p => Assert.StartsWith("packages[0].transport.type", p, StringComparison.Ordinal),
            p => Assert.StartsWith("packages[0].packageArguments[0]", p, StringComparison.Ordinal),
            p => Assert.StartsWith("packages[0].environmentVariables[0].name", p, StringComparison.Ordinal),
            p => Assert.StartsWith("packages[1].registryType", p, StringComparison.Ordinal),
            p => Assert.StartsWith("packages[1].transport.url", p, StringComparison.Ordinal));
    }
}
