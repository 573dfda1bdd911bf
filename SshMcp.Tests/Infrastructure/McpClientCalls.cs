using System.Text.Json;
using ModelContextProtocol.Client;

namespace SshMcp.Tests.Infrastructure;

/// <summary>Tool calls over any real <see cref="McpClient"/>, bounded, with results read from structuredContent.</summary>
public static class McpClientCalls
{
    public static readonly TimeSpan CallBound = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> CallAsync<T>(this McpClient client, string tool, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken).AsTask().WaitAsync(CallBound, cancellationToken);
        Assert.False(result.IsError == true, $"{tool} failed: {result.Text()}");
        Assert.NotNull(result.StructuredContent);
        return result.StructuredContent.Value.Deserialize<T>(Json)!;
    }

    /// <summary>Calls a tool that must fail with a tool error, and returns the error text.</summary>
    public static async Task<string> CallErrorAsync(this McpClient client, string tool, IReadOnlyDictionary<string, object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await client.CallToolAsync(tool, arguments).AsTask().WaitAsync(CallBound);
        Assert.True(result.IsError == true, $"{tool} was expected to fail but returned {result.StructuredContent}");
        return result.Text();
    }
}
