using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using SshMcp.Server.Audit;
using SshMcp.Server.Diagnostics;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Tools;

/// <summary>
/// The edge between the server's exceptions and MCP: a result becomes the tool's answer (<see cref="ToolResults"/>); a
/// known failure becomes a tool error with its message; anything else is logged and becomes a generic tool error that
/// reveals nothing; a caller's cancellation propagates.
/// </summary>
internal static class ToolGuard
{
    public static async Task<CallToolResult> AnswerAsync<T>(string tool, ILogger logger, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return ToolResults.Of(await action());
        }
        catch (SshFailureException failure)
        {
            AuditCall.Failed(SshMcpTelemetry.ReasonOf(failure.Kind));
            throw new McpException(failure.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (McpException)
        {
            throw;
        }
        catch (InputRequiredException)
        {
            // A question for the client (see Elicitation/UrlElicitation): the SDK turns it into the round trip.
            throw;
        }
        catch (Exception ex)
        {
            Log.ToolFailed(logger, tool, ex);
            AuditCall.Failed("unexpected");
            throw new McpException($"{tool} failed unexpectedly ({ex.GetType().Name}). The server and other sessions are unaffected; try again, or open a new session.");
        }
    }

    public static McpException InvalidArgument(string message)
    {
        AuditCall.Failed(SshMcpTelemetry.ReasonOf(SshFailureKind.InvalidArgument));
        return new(message);
    }

    /// <summary>The run id, trimmed, or an error that says what one looks like.</summary>
    public static string RunId(string? runId)
    {
        runId = runId?.Trim() ?? "";
        return Runs.RunIds.IsWellFormed(runId)
            ? runId
            : throw InvalidArgument($"runId '{runId}' is not a run id: pass the runId an ssh_exec result gave (r followed by 32 hex digits).");
    }
}
