using System.Globalization;
using Microsoft.IdentityModel.Tokens;

namespace SshMcp.Server.Http.OAuth;

/// <summary>
/// Why a presented bearer token was refused, in three forms: a short reason for the log, an RFC 6750
/// <c>error_description</c> (no quotes) and a sentence for the client that says what to do. Built from the validation
/// failure's type, never from the token or from a library message that might quote it.
/// </summary>
internal sealed record OAuthRefusal(string Reason, string Description, string Message)
{
    public static OAuthRefusal Describe(Exception? failure, bool jwtShaped, OAuthOptions oauth, bool staticTokens)
    {
        if (!jwtShaped)
        {
            return new("wrong token", "The token is neither a configured token nor a JWT",
                staticTokens
                    ? $"the bearer token matches none configured on this server and is not a JWT access token from {oauth.Authority}."
                    : $"the bearer token is not a JWT access token from {oauth.Authority}.");
        }

        var cause = (failure as AggregateException)?.InnerExceptions.FirstOrDefault() ?? failure;
        var fix = $"Get a new access token from {oauth.Authority} for the audience '{oauth.Audience}'.";
        return cause switch
        {
            SecurityTokenExpiredException expired => new("expired JWT", "The token expired",
                $"the access token expired at {expired.Expires.ToString("u", CultureInfo.InvariantCulture)}. {fix}"),
            SecurityTokenNotYetValidException => new("JWT not yet valid", "The token is not valid yet",
                $"the access token is not valid yet (check the clocks of this server and the issuer). {fix}"),
            SecurityTokenInvalidAudienceException => new("JWT for another audience", "The audience is invalid",
                $"the access token was issued for another audience than this server's ('{oauth.Audience}', {OAuthOptions.SectionName}:Audience). {fix}"),
            SecurityTokenInvalidIssuerException => new("JWT from another issuer", "The issuer is invalid",
                $"the access token was not issued by {oauth.Authority}. {fix}"),
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => new("JWT with a bad signature", "The signature is invalid",
                $"the access token's signature does not verify with the keys {oauth.Authority} publishes. {fix}"),
            MissingPrincipalClaimException => new("JWT without the principal claim", "The token has no principal claim",
                $"the access token has no '{oauth.PrincipalClaim}' claim, which names its owner here ({OAuthOptions.SectionName}:PrincipalClaim)."),
            InvalidOperationException or HttpRequestException or IOException => new("issuer metadata unavailable", "The issuer's keys could not be fetched",
                $"this server could not fetch the signing keys of {oauth.Authority}. Try again later; if it persists, the operator should check that the issuer is reachable from the server."),
            _ => new("invalid JWT", "The token is invalid",
                $"the access token is not a valid JWT from {oauth.Authority}. {fix}"),
        };
    }
}
