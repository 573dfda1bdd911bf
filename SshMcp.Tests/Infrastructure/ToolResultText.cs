using ModelContextProtocol.Protocol;

namespace SshMcp.Tests.Infrastructure;

/// <summary>The text a tool result carries (a tool error's message, or the JSON of a structured result).</summary>
internal static class ToolResultText
{
    public static string Text(this CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
    }
}
