using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using SshMcp.Server.Principals;

namespace SshMcp.Server.Http.OAuth;

/// <summary>
/// Grants <see cref="RequiredScopeRequirement"/> when no scope is required, when the principal is not an OAuth subject
/// (static tokens carry no scopes), or when the token lists the scope in <c>scope</c> or <c>scp</c> (space-separated
/// or as an array) or as a role in <c>roles</c>. Otherwise the request is forbidden (403 <c>insufficient_scope</c>).
/// </summary>
internal sealed class RequiredScopeHandler(IOptions<SshMcpHttpOptions> http) : AuthorizationHandler<RequiredScopeRequirement>
{
    private static readonly string[] ScopeClaims = ["scope", "scp", "roles"];

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RequiredScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var required = http.Value.OAuth.RequiredScope;
        var principal = Principal.Parse(context.User.FindFirst(PrincipalClaims.Type)?.Value);
        if (string.IsNullOrWhiteSpace(required)
            || principal is not { } p || !p.Id.StartsWith(Principal.Subject("").Id, StringComparison.Ordinal)
            || context.User.Claims.Any(c => ScopeClaims.Contains(c.Type, StringComparer.Ordinal) && c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(required, StringComparer.Ordinal)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
