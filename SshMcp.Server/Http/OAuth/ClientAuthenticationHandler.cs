using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SshMcp.Server.Http.OAuth;

/// <summary>
/// The one scheme <c>/mcp</c> requires. Without OAuth it is the static token scheme. With OAuth, a bearer token shaped
/// like a JWT goes to the JWT scheme and any other to the static tokens, and every refusal is answered here, so a
/// client always learns where to get a token: 401 with <c>WWW-Authenticate: Bearer … resource_metadata="…"</c> (and
/// <c>error="invalid_token"</c> when a token was refused), or 403 <c>insufficient_scope</c>; the body says the same
/// in words. Never echoes a token.
/// </summary>
internal sealed class ClientAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    IOptions<SshMcpHttpOptions> http,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private OAuthOptions OAuth => http.Value.OAuth;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Context.AuthenticateAsync(SchemeFor(PresentedToken()));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!OAuth.Enabled)
        {
            await Context.ChallengeAsync(BearerTokenDefaults.AuthenticationScheme, properties);
            return;
        }

        var token = PresentedToken();
        var result = await HandleAuthenticateOnceSafeAsync();
        var refusal = token is null ? null : OAuthRefusal.Describe(result.Failure, JwtShape.Matches(token), OAuth, http.Value.RequiresToken);
        HttpLog.AuthenticationFailed(Logger, refusal?.Reason ?? "no bearer token", Request.Path);

        var challenge = $"Bearer realm=\"{BearerTokenDefaults.Realm}\", resource_metadata=\"{ResourceMetadataUri()}\"";
        if (refusal is not null)
        {
            challenge += $", error=\"invalid_token\", error_description=\"{refusal.Description}\"";
        }

        Response.Headers.WWWAuthenticate = challenge;
        await HttpErrorResponse.WriteAsync(Context, StatusCodes.Status401Unauthorized, refusal is null
            ? $"Unauthorized: this server requires 'Authorization: Bearer <token>' with an OAuth access token from {OAuth.Authority} (its metadata: {ResourceMetadataUri()}){(http.Value.RequiresToken ? " or a token configured on the server" : "")}."
            : "Unauthorized: " + refusal.Message);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = OAuth.RequiredScope;
        HttpLog.AuthenticationFailed(Logger, "token without the required scope", Request.Path);
        Response.Headers.WWWAuthenticate =
            $"Bearer realm=\"{BearerTokenDefaults.Realm}\", error=\"insufficient_scope\", scope=\"{scope}\", resource_metadata=\"{ResourceMetadataUri()}\"";
        await HttpErrorResponse.WriteAsync(Context, StatusCodes.Status403Forbidden,
            $"Forbidden: the access token lacks the scope '{scope}' this server requires ({OAuthOptions.SectionName}:RequiredScope). Ask {OAuth.Authority} for a token with that scope.");
    }

    /// <summary>Where the MCP SDK's handler serves this resource's metadata: the RFC 9728 prefix followed by the request's path.</summary>
    private string ResourceMetadataUri() =>
        $"{Request.Scheme}://{Request.Host.ToUriComponent()}{Request.PathBase}{OAuthDefaults.MetadataPathPrefix}{Request.Path}";

    private string SchemeFor(string? token) =>
        OAuth.Enabled && (token is null || JwtShape.Matches(token)) ? OAuthDefaults.JwtScheme : BearerTokenDefaults.AuthenticationScheme;

    private string? PresentedToken() =>
        AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrEmpty(header.Parameter)
            ? header.Parameter
            : null;
}
