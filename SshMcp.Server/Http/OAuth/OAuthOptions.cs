namespace SshMcp.Server.Http.OAuth;

/// <summary>
/// Settings under <c>SshMcp:Http:OAuth</c>: the server as an OAuth 2.1 resource server. With <see cref="Authority"/>
/// set, a JWT access token from that issuer (checked against its published keys, audience and lifetime) is accepted
/// beside the static tokens, and its subject is the principal that owns SSH sessions.
/// </summary>
public sealed class OAuthOptions
{
    public const string SectionName = SshMcpHttpOptions.SectionName + ":OAuth";

    /// <summary>The issuer, e.g. <c>https://login.example.com/realms/ops</c>; its <c>/.well-known/openid-configuration</c> names the keys. https, or http on loopback only.</summary>
    public string? Authority { get; set; }

    /// <summary>The <c>aud</c> a token must carry: this server's identifier at the issuer (often its URL, e.g. <c>https://sshmcp.example.com/mcp</c>).</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that names the principal (<c>oauth:&lt;value&gt;</c>); <c>sub</c> unless the issuer's subjects are opaque and another claim (<c>preferred_username</c>, <c>email</c>) is stable.</summary>
    public string PrincipalClaim { get; set; } = "sub";

    /// <summary>When set, a token must carry this scope (in <c>scope</c> or <c>scp</c>) or role (in <c>roles</c>); others get 403 <c>insufficient_scope</c>.</summary>
    public string? RequiredScope { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
