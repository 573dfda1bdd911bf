using System.Text.Json;

namespace SshMcp.Tests.Clients;

/// <summary>One line the driver (clients/driver.mjs) printed: a connect event or the answer to one request.</summary>
internal sealed class DriverReply(JsonElement root)
{
    private const int DescribeLimit = 2_000;

    public bool Ok => root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True;

    /// <summary>The protocol revision the client negotiated, as the client reports it.</summary>
    public string? ProtocolVersion => String(root, "protocolVersion");

    /// <summary>What the SDK threw, e.g. "MCP error -32602: Structured content does not match the tool's output schema".</summary>
    public string? ErrorMessage => root.TryGetProperty("error", out var error) ? String(error, "message") : null;

    public int? ErrorCode =>
        root.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number
            ? code.GetInt32()
            : null;

    public bool IsError => Result is { } result && result.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True;

    public JsonElement? StructuredContent =>
        Result is { } result && result.TryGetProperty("structuredContent", out var content) ? content : null;

    public string Text => Result is { } result ? String(result, "text") ?? "" : "";

    /// <summary>The driver's own strict AJV check of structuredContent against the tool's outputSchema.</summary>
    public bool Valid => !root.TryGetProperty("validation", out var validation) || validation.GetProperty("valid").GetBoolean();

    public IReadOnlyList<string> ValidationErrors => Strings(root.TryGetProperty("validation", out var v) ? v.GetProperty("errors") : default);

    /// <summary>How many progress notifications the client saw during a call made with progress.</summary>
    public int Progress => root.TryGetProperty("progress", out var progress) && progress.ValueKind == JsonValueKind.Number ? progress.GetInt32() : 0;

    public IReadOnlyList<string> Tools => Strings(root.TryGetProperty("tools", out var tools) ? tools : default);

    /// <summary>Tools whose outputSchema strict AJV could not compile, with the reason.</summary>
    public string SchemaErrors => root.TryGetProperty("schemaErrors", out var errors) ? errors.GetRawText() : "{}";

    private JsonElement? Result => root.TryGetProperty("result", out var result) ? result : null;

    /// <summary>The elicitations a <c>seen</c> answer lists.</summary>
    public IReadOnlyList<JsonElement> Elicitations =>
        root.TryGetProperty("elicitations", out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : [];

    /// <summary>Every JSON-RPC message the client sent or received, as text, from a <c>seen</c> answer.</summary>
    public IReadOnlyList<string> Transcript => Strings(root.TryGetProperty("transcript", out var transcript) ? transcript : default);

    /// <summary>The whole line, as the driver printed it.</summary>
    public string Raw => root.GetRawText();

    public static DriverReply Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return new DriverReply(document.RootElement.Clone());
    }

    /// <summary>A string field of structuredContent, or null.</summary>
    public string? Field(string name) =>
        StructuredContent is { ValueKind: JsonValueKind.Object } content && content.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public string Describe()
    {
        var text = root.GetRawText();
        return text.Length <= DescribeLimit ? text : text[..DescribeLimit] + "…";
    }

    public override string ToString() => Describe();

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray().Select(e => e.GetString() ?? "")] : [];
}
