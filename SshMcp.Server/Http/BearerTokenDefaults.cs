namespace SshMcp.Server.Http;

/// <summary>
/// Names of the static bearer token scheme and of the policy that guards <c>/mcp</c>. A JWT or OAuth scheme added
/// later joins the policy's scheme list; the endpoint keeps requiring the same policy.
/// </summary>
public static class BearerTokenDefaults
{
    /// <summary>Not "Bearer", so that JwtBearerDefaults.AuthenticationScheme stays free for a JWT handler.</summary>
    public const string AuthenticationScheme = "SshMcpToken";

    public const string Policy = "SshMcpClient";

    /// <summary>Realm in the <c>WWW-Authenticate</c> challenge.</summary>
    public const string Realm = "SshMcp";
}
