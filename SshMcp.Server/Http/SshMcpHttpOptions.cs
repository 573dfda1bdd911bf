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

    /// <summary>IP address to listen on (or <c>localhost</c>). Anything but loopback needs <see cref="AuthToken"/>.</summary>
    public string BindAddress { get; set; } = SshMcpHttpOptionsSetup.DefaultBindAddress;

    /// <summary>When set, every request to <c>/mcp</c> must carry <c>Authorization: Bearer &lt;token&gt;</c>. Secret: never logged.</summary>
    public string? AuthToken { get; set; }

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

    /// <summary>True when a token is configured and so required.</summary>
    public bool RequiresToken => !string.IsNullOrEmpty(AuthToken);
}
