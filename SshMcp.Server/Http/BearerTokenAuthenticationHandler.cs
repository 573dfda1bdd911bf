using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SshMcp.Server.Http;

/// <summary>
/// Authenticates a request by <c>Authorization: Bearer &lt;token&gt;</c> against <c>SSHMCP_AUTH_TOKEN</c>, compared in
/// constant time (SHA-256 of both, then <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither content nor
/// length leaks through timing). Without a configured token the server listens on loopback only and every local
/// client is let in. A failed challenge is 401 with <c>WWW-Authenticate: Bearer</c> and a JSON-RPC error body.
/// </summary>
internal sealed class BearerTokenAuthenticationHandler(
    IOptionsMonitor<BearerTokenAuthenticationOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder) : AuthenticationHandler<BearerTokenAuthenticationOptions>(options, loggerFactory, encoder)
{
    private const string BearerScheme = "Bearer";
    private const string TokenClient = "token-holder";
    private const string LocalClient = "loopback-client";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Options.TokenHash is not { } expected)
        {
            return Task.FromResult(Success(LocalClient));
        }

        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, BearerScheme, StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(header.Parameter))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(header.Parameter), presented);
        return Task.FromResult(CryptographicOperations.FixedTimeEquals(presented, expected)
            ? Success(TokenClient)
            : AuthenticateResult.Fail("The bearer token is not the one configured."));
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
                ? "Unauthorized: the bearer token is wrong. Send the server's SSHMCP_AUTH_TOKEN as 'Authorization: Bearer <token>'."
                : "Unauthorized: this server requires 'Authorization: Bearer <token>' with its SSHMCP_AUTH_TOKEN.");
    }

    private AuthenticateResult Success(string client)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, client)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
