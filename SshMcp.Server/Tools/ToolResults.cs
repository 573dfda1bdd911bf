using System.Text.Encodings.Web;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace SshMcp.Server.Tools;

/// <summary>
/// A tool's structured result as the MCP answer, serialized once: <c>structuredContent</c> and the text block that
/// repeats it for clients that read only <c>content</c>. The SDK would serialize a returned record three times (to an
/// element, to the text, and the text again inside the message), which for a megabyte of output is most of a call's
/// time. Escaping is the relaxed kind: quotes, apostrophes, &lt;, &gt;, &amp; and + stay as they are in the text a
/// model reads (the SDK's default turns each into a \uXXXX sequence, six characters and several tokens for one); only
/// what JSON itself requires is escaped, and the message around it is still written by the SDK.
/// </summary>
internal static class ToolResults
{
    private static readonly JsonSerializerOptions Options = new(McpJsonUtilities.DefaultOptions)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static CallToolResult Of<T>(T value)
    {
        var element = JsonSerializer.SerializeToElement(value, Options.GetTypeInfo(typeof(T)));
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = element.GetRawText() }],
            StructuredContent = element,
        };
    }
}
