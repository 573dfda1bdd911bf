using System.Text.Json;
using ModelContextProtocol;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Tools;

/// <summary>
/// What the tools cost a model's context: every tool's name, description and input schema, as tools/list sends them,
/// together at most <see cref="TokenBudget"/> tokens. Tokens are estimated without a tokenizer as one per four
/// characters of the compact JSON, which runs a little above what model tokenizers count for English and JSON.
/// </summary>
public sealed class ToolSurfaceTests : IAsyncLifetime
{
    private const int TokenBudget = 1_500;
    private const int CharsPerToken = 4;
    private McpServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await McpServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ToolDefinitions_AsTheModelSeesThem_StayWithinTheTokenBudget()
    {
        var tools = await _server.Client.ListToolsAsync().AsTask().WaitAsync(McpServerHarness.CallBound);

        var chars = tools.Sum(t => JsonSerializer.Serialize(
            new { name = t.Name, description = t.ProtocolTool.Description, inputSchema = t.ProtocolTool.InputSchema },
            McpJsonUtilities.DefaultOptions).Length);
        var perTool = string.Join(", ", tools.Select(t => $"{t.Name} {JsonSerializer.Serialize(new { t.ProtocolTool.Description, t.ProtocolTool.InputSchema }, McpJsonUtilities.DefaultOptions).Length / CharsPerToken}"));

        Assert.True(chars / CharsPerToken <= TokenBudget, $"the tools cost about {chars / CharsPerToken} tokens ({chars} chars / {CharsPerToken}), more than {TokenBudget}: {perTool}");
        Assert.Equal(8, tools.Count);
    }

    [Fact]
    public async Task ExecDescription_SaysWhenToUseBackgroundAndHowToReadTheRest()
    {
        var tools = await _server.Client.ListToolsAsync().AsTask().WaitAsync(McpServerHarness.CallBound);
        var exec = tools.Single(t => t.Name == "ssh_exec").Description;

        Assert.Contains("couple of minutes", exec, StringComparison.Ordinal);
        Assert.Contains("survive a disconnect", exec, StringComparison.Ordinal);
        Assert.Contains("ssh_output reads the rest", exec, StringComparison.Ordinal);
    }
}
