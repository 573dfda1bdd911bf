using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Http;

/// <summary>
/// Ties the SSH sessions of an MCP client session to its life. The SDK runs each stateful session through
/// <c>HttpServerTransportOptions.RunSessionHandler</c> and ends it on DELETE, on its idle expiry and at shutdown;
/// <see cref="McpServer.RunAsync"/> returns only once every request handler of the session has finished, so
/// closing what the session owns after it can miss nothing it opened.
/// </summary>
internal static class McpClientSessionLifetime
{
    public static async Task RunAsync(HttpContext context, McpServer server, CancellationToken sessionClosed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(server);

        // Resolved now: the initialize request's services are not usable once it has completed.
        var registry = context.RequestServices.GetRequiredService<SessionRegistry>();
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpClientSessionLifetime));
        try
        {
            await server.RunAsync(sessionClosed);
        }
        finally
        {
            if (server.SessionId is { } owner)
            {
                try
                {
                    var closed = await registry.CloseOwnedByAsync(owner, "its MCP client session ended");
                    HttpLog.ClientSessionEnded(logger, closed);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    HttpLog.ClientSessionCleanupFailed(logger, ex);
                }
            }
        }
    }
}
