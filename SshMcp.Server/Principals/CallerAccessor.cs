using Microsoft.AspNetCore.Http;

namespace SshMcp.Server.Principals;

/// <summary>
/// Tells a tool who is calling and when the caller has gone. Over HTTP the principal comes from the authenticated
/// request and the call ends when its request is aborted (a 2026-07-28 client cancels by closing the request; an
/// older one may just disconnect), which the SDK does not signal to a stateful session's tool by itself. Over stdio
/// the caller is the local user and MCP cancellation is the only signal.
/// </summary>
internal sealed class CallerAccessor(IHttpContextAccessor? http = null)
{
    public Caller Current(CancellationToken toolToken)
    {
        if (http?.HttpContext is not { } context)
        {
            return new Caller(Principal.LocalUser, null, toolToken);
        }

        var principal = Principal.Parse(context.User.FindFirst(PrincipalClaims.Type)?.Value) ?? Principal.LocalUser;
        var aborted = context.RequestAborted;
        if (!aborted.CanBeCanceled || aborted == toolToken)
        {
            return new Caller(principal, null, toolToken);
        }

        var linked = CancellationTokenSource.CreateLinkedTokenSource(toolToken, aborted);
        return new Caller(principal, linked, linked.Token);
    }
}
