namespace SshMcp.Server.Http;

/// <summary>
/// Settings of the HTTP transport, under <c>SshMcp:Http</c>; <c>PORT</c>, <c>HOST</c> and <c>SSHMCP_AUTH_TOKEN</c>
/// are read too (see <see cref="SshMcpHttpOptionsSetup"/>). Every default is listed in the README.
/// </summary>
public sealed class SshMcpHttpOptions
{
    public const string SectionName = "SshMcp:Http";

    /// <summary>The loopback host names every server answers to when <see cref="AllowedHosts"/> is not set.</summary>
    public const string LoopbackHosts = "localhost;127.0.0.1;[::1]";

    /// <summary>TCP port; 0 picks a free one. From <c>PORT</c>.</summary>
    public int Port { get; set; } = HttpEndpointSetup.DefaultPort;

    /// <summary>IP address to listen on (or <c>localhost</c>). Anything but loopback needs <see cref="AuthToken"/> or <see cref="OAuth"/>.</summary>
    public string BindAddress { get; set; } = SshMcpHttpOptionsSetup.DefaultBindAddress;

    /// <summary>
    /// When set, every request to <c>/mcp</c> must carry <c>Authorization: Bearer &lt;token&gt;</c>. Its holders are the
    /// principal <see cref="DefaultTokenName"/>: one shared token is one user. Secret: never logged.
    /// </summary>
    public string? AuthToken { get; set; }

    /// <summary>
    /// Named tokens (<c>SshMcp:Http:Tokens:alice=…</c>): each name is a principal of its own, whose SSH sessions no
    /// other token sees. Any configured token turns authentication on. Secrets: never logged.
    /// </summary>
    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Host names (the <c>Host</c> header without its port) the server answers to, separated by <c>;</c> or <c>,</c>.
    /// <c>*.example.com</c> matches subdomains; <c>*</c> matches any (only behind a proxy that checks Host itself).
    /// </summary>
    public string AllowedHosts { get; set; } = LoopbackHosts;

    /// <summary>
    /// Browser origins (<c>https://app.example.com</c>) allowed to call the server, separated by <c>;</c> or <c>,</c>.
    /// Empty: a request that carries any <c>Origin</c> header is refused (clients that are not browsers send none).
    /// </summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>Largest request body, in bytes. A command may be up to <c>SshMcp:MaxCommandBytes</c> (1 MiB) and grows when JSON-escaped.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The principal of <see cref="AuthToken"/>.</summary>
    public const string DefaultTokenName = "default";

    /// <summary>True when a token is configured and so required.</summary>
    public bool RequiresToken => !string.IsNullOrEmpty(AuthToken) || Tokens.Count > 0;

    /// <summary>OAuth 2.1 resource server settings (<c>SshMcp:Http:OAuth</c>): JWT access tokens from an issuer, beside the static tokens.</summary>
    public OAuth.OAuthOptions OAuth { get; } = new();

    /// <summary>True when clients must authenticate: a static token or OAuth is configured.</summary>
    public bool RequiresAuthentication => RequiresToken || OAuth.Enabled;

    /// <summary>Every configured token with its principal's name, <see cref="AuthToken"/> as <see cref="DefaultTokenName"/>.</summary>
    public IEnumerable<KeyValuePair<string, string>> NamedTokens()
    {
        if (!string.IsNullOrEmpty(AuthToken))
        {
            yield return new(DefaultTokenName, AuthToken);
        }

        foreach (var token in Tokens)
        {
            yield return token;
        }
    }
}
