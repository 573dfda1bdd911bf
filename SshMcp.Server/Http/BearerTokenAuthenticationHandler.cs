using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Principals;

namespace SshMcp.Server.Http;

/// <summary>
/// Authenticates a request by <c>Authorization: Bearer &lt;token&gt;</c> against the configured tokens
/// (<c>SSHMCP_AUTH_TOKEN</c>, the principal <c>default</c>, and the named <c>SshMcp:Http:Tokens</c>), compared in
/// constant time: SHA-256 of both, then <see cref="CryptographicOperations.FixedTimeEquals"/> against every token,
/// so neither content, length nor which token matched leaks through timing. The request's principal is the token's
/// name. Without a configured token the server listens on loopback only and every local client is the local user.
/// A failed challenge is 401 with <c>WWW-Authenticate: Bearer</c> and a JSON-RPC error body.
/// </summary>
internal sealed class BearerTokenAuthenticationHandler(
    IOptionsMonitor<BearerTokenAuthenticationOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder) : AuthenticationHandler<BearerTokenAuthenticationOptions>(options, loggerFactory, encoder)
{
    private const string BearerScheme = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Options.Tokens.Count == 0)
        {
            return Task.FromResult(Options.OpenToLocalUser ? Success(Principal.LocalUser) : AuthenticateResult.NoResult());
        }

        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, BearerScheme, StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(header.Parameter))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(header.Parameter), presented);
        string? matched = null;
        foreach (var (name, hash) in Options.Tokens)
        {
            // No early exit: every token is compared, whichever matches.
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                matched = name;
            }
        }

        return Task.FromResult(matched is not null
            ? Success(Principal.Token(matched))
            : AuthenticateResult.Fail("The bearer token is not one of those configured."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var presented = result.Failure is not null;
        HttpLog.AuthenticationFailed(Logger, presented ? "wrong token" : "no bearer token", Request.Path);

        Response.Headers.WWWAuthenticate = presented
            ? $"{BearerScheme} realm=\"{BearerTokenDefaults.Realm}\", error=\"invalid_token\""
            : $"{BearerScheme} realm=\"{BearerTokenDefaults.Realm}\"";
        await HttpErrorResponse.WriteAsync(
            Context,
            401,
            presented
                ? "Unauthorized: the bearer token matches none configured on this server. Send your token as 'Authorization: Bearer <token>'."
                : "Unauthorized: this server requires 'Authorization: Bearer <token>' with a token configured on it (SSHMCP_AUTH_TOKEN or SshMcp:Http:Tokens).");
    }

    private AuthenticateResult Success(Principal principal)
    {
        // NameIdentifier too: the MCP SDK binds a stateful MCP session to it, so another principal cannot take it over.
        var identity = new ClaimsIdentity([new Claim(PrincipalClaims.Type, principal.Id), new Claim(ClaimTypes.NameIdentifier, principal.Id)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
