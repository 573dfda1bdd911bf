using Microsoft.AspNetCore.Authentication;

namespace SshMcp.Server.Http;

/// <summary>Options of <see cref="BearerTokenAuthenticationHandler"/>: the SHA-256 of each configured token and its principal's name.</summary>
public sealed class BearerTokenAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>SHA-256 of each token's UTF-8 bytes with its name; empty when no token is configured (loopback only).</summary>
    internal IReadOnlyList<(string Name, byte[] Hash)> Tokens { get; set; } = [];

    /// <summary>True when no token and no OAuth is configured (loopback only): every client is the local user.</summary>
    internal bool OpenToLocalUser { get; set; } = true;
}
