using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace SshMcp.Server.Http;

/// <summary>
/// Writes a refusal the way the MCP SDK writes its own HTTP errors: a JSON-RPC error with a null id, so the C#
/// client (and others) show the message. Messages say what to fix and never echo a header's value.
/// </summary>
internal static class HttpErrorResponse
{
    private const int ServerErrorCode = -32000;
    private static readonly JsonTypeInfo<JsonRpcError> TypeInfo =
        (JsonTypeInfo<JsonRpcError>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError));

    public static Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = statusCode;
        var error = new JsonRpcError { Id = default, Error = new JsonRpcErrorDetail { Code = ServerErrorCode, Message = message } };
        return context.Response.WriteAsJsonAsync(error, TypeInfo, contentType: null, context.RequestAborted);
    }
}
