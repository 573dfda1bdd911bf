using Microsoft.AspNetCore.Authentication;

namespace SshMcp.Server.Http;

/// <summary>Options of <see cref="BearerTokenAuthenticationHandler"/>: the SHA-256 of the configured token, or null.</summary>
public sealed class BearerTokenAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>SHA-256 of the expected token's UTF-8 bytes; null when no token is configured (loopback only).</summary>
    internal byte[]? TokenHash { get; set; }
}
