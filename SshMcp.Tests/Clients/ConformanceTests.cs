using System.Text.Json;
using SshMcp.Tests.Packaging;
using Xunit.Abstractions;

namespace SshMcp.Tests.Clients;

/// <summary>
/// The MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, on Node 22) against the HTTP server on
/// loopback without a token, as a local user runs it. Most of its server scenarios call the reference server's
/// test fixtures (tools named test_*, prompts, resources), which a server like ours does not have; the scenarios
/// that test the protocol and the transport themselves must pass.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output) : IClassFixture<NodeClientsFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>Scenarios that test what every server must do, whatever its tools.</summary>
    private static readonly string[] ApplicableScenarios =
        ["server-initialize", "ping", "tools-list", "logging-set-level", "server-sse-multiple-streams", "dns-rebinding-protection"];

    public static TheoryData<string> Applicable => new(ApplicableScenarios);

    /// <summary>The rest, by name or name prefix, and why they do not apply.</summary>
    private static readonly Dictionary<string, string> NotApplicable = new(StringComparer.Ordinal)
    {
        ["tools-call-"] = "calls the reference server's fixture tools (test_simple_text, test_image_content, …)",
        ["resources-"] = "the server offers no resources",
        ["prompts-"] = "the server offers no prompts",
        ["completion-complete"] = "completions are for prompt and resource-template arguments; the server has neither",
        ["elicitation-"] = "calls the reference server's elicitation fixture tools",
        ["json-schema-2020-12"] = "looks for the fixture tool json_schema_2020_12_tool",
        ["server-sse-polling"] = "needs the fixture tool test_reconnection",
    };

    [Theory]
    [MemberData(nameof(Applicable))]
    public async Task Scenario_AgainstLoopbackHttpServer_EveryCheckPasses(string scenario)
    {
        await using var server = await ServerUnderTest.StartAsync(ServerUnderTest.Http, withToken: false);
        var results = Path.Combine(server.Home, "conformance");

        var run = await ConformanceAsync(["server", "--url", server.McpEndpoint.ToString(), "--scenario", scenario, "-o", results]);
        var checks = Directory.GetFiles(results, "checks.json", SearchOption.AllDirectories)
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone().EnumerateArray())
            .Select(check => (Id: check.GetProperty("id").GetString(), Status: check.GetProperty("status").GetString(),
                Error: check.TryGetProperty("errorMessage", out var error) ? error.GetString() : null))
            .ToList();

        foreach (var check in checks)
        {
            output.WriteLine($"{scenario} / {check.Id}: {check.Status} {check.Error}");
        }

        Assert.True(checks.Count > 0, $"the suite wrote no checks for {scenario}: {run.StandardError} {run.StandardOutput}");
        Assert.All(checks, check => Assert.True(check.Status is "SUCCESS" or "INFO", $"{check.Id}: {check.Status} {check.Error}"));
    }

    [Fact]
    public async Task ServerScenarios_OfThisSuiteVersion_AreEachRunOrExplained()
    {
        var listed = (await ConformanceAsync(["list", "--server"])).ThrowUnlessExitCodeIn(0).StandardOutput
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("- ", StringComparison.Ordinal))
            .Select(line => line[2..].Split(' ')[0])
            .ToList();

        Assert.Contains("dns-rebinding-protection", listed);
        Assert.All(listed, scenario => Assert.True(
            ApplicableScenarios.Contains(scenario) || NotApplicable.Keys.Any(prefix => scenario.StartsWith(prefix, StringComparison.Ordinal)),
            $"conformance scenario {scenario} is new: run it in {nameof(ApplicableScenarios)} or say in {nameof(NotApplicable)} why it does not apply"));
    }

    private static Task<LocalCommandResult> ConformanceAsync(IEnumerable<string> arguments) =>
        DotnetCli.RunProgramAsync(
            NodeClients.Node, [NodeClients.PackageFile("@modelcontextprotocol/conformance", "dist/index.js"), .. arguments], Bound, CancellationToken.None);
}
