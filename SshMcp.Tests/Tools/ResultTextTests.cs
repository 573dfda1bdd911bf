using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Tools;

/// <summary>
/// The text block a model reads (clients that show only <c>content</c>) is the result's JSON, with only the escapes
/// JSON needs: quotes, apostrophes, &lt;, &gt;, &amp; and + in output stay as printed, not as \uXXXX sequences.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class ResultTextTests(SshdFixture sshd) : IAsyncLifetime
{
    private McpServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await McpServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Exec_OutputWithQuotesAndMarkup_TextBlockKeepsThemAndMatchesStructuredContent()
    {
        var session = (await _server.OpenAsync(sshd)).SessionId;

        var result = await _server.Client.CallToolAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = """printf '%s\n' "it's <a href=\"x\"> & 1+1" """ })
            .AsTask().WaitAsync(McpServerHarness.CallBound);

        var text = Assert.Single(result.Content.OfType<TextContentBlock>()).Text;
        Assert.Contains("""it's <a href=\"x\"> & 1+1\n""", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", text, StringComparison.Ordinal);
        Assert.NotNull(result.StructuredContent);
        using var fromText = JsonDocument.Parse(text);
        Assert.True(JsonElement.DeepEquals(fromText.RootElement, result.StructuredContent.Value), $"text {text} differs from structuredContent {result.StructuredContent}");
    }
}
