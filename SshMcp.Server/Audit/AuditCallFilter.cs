using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Audit;

/// <summary>
/// The MCP call-tool filter every tool call passes, so a new tool is audited with no code of its own. It writes the
/// start record before the tool runs and, when that fails and <see cref="AuditOptions.FailClosed"/> is on, answers
/// with a tool error and runs nothing. The end record follows the tool's result; if it cannot be written the
/// result still goes back (the command has run; the failure is logged).
/// </summary>
internal static class AuditCallFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var services = context.Services ?? context.Server.Services!;
            var trail = services.GetRequiredService<AuditTrail>();
            if (!trail.Enabled || context.Params is not { } request)
            {
                return await next(context, cancellationToken);
            }

            var time = services.GetRequiredService<TimeProvider>();
            var principal = Principal.Parse(context.User?.FindFirst(PrincipalClaims.Type)?.Value) ?? Principal.LocalUser;
            var client = context.JsonRpcMessage.Context?.ClientInfo?.Name ?? context.Server.ClientInfo?.Name;
            var start = AuditRecords.Start(time.GetUtcNow(), NewCallId(), principal.Id, client, request, SessionOf(services, request, principal), trail.CommandMode);
            if (!await trail.WriteAsync(start) && trail.FailClosed)
            {
                return new CallToolResult
                {
                    IsError = true,
                    Content = [new TextContentBlock { Text = $"{request.Name} was not run: the audit log could not be written, and this server runs nothing unrecorded. Tell the operator (SshMcp:Audit:Path)." }],
                };
            }

            using var call = AuditCall.Begin();
            var started = time.GetTimestamp();
            try
            {
                var result = await next(context, cancellationToken);
                await trail.WriteAsync(AuditRecords.End(start with { Time = time.GetUtcNow() }, result, call.ErrorKind, time.GetElapsedTime(started)));
                return result;
            }
            catch (Exception ex)
            {
                await trail.WriteAsync(AuditRecords.Failed(start with { Time = time.GetUtcNow() }, ex, call.ErrorKind, time.GetElapsedTime(started)));
                throw;
            }
        };

    /// <summary>Where an existing session is connected, for the tools that name one; null for an unknown or foreign id.</summary>
    private static SessionEndpoint? SessionOf(IServiceProvider services, CallToolRequestParams request, Principal principal)
    {
        if (request.Arguments?.TryGetValue("sessionId", out var id) != true || id.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return services.GetRequiredService<SessionRegistry>().Get(id.GetString()!.Trim(), principal).Endpoint;
        }
        catch (SshFailureException)
        {
            return null;
        }
    }

    private static string NewCallId()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return Convert.ToHexStringLower(random);
    }
}
