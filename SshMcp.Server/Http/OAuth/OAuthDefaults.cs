using Microsoft.AspNetCore.Authentication.JwtBearer;
using ModelContextProtocol.AspNetCore.Authentication;

namespace SshMcp.Server.Http.OAuth;

/// <summary>The authentication schemes behind <c>/mcp</c> and the path of the protected resource metadata.</summary>
public static class OAuthDefaults
{
    /// <summary>The scheme the <c>/mcp</c> policy names: it routes each request to the JWT or the static token scheme and answers every challenge.</summary>
    public const string ClientScheme = "SshMcpClient";

    /// <summary>JWT access tokens (ASP.NET Core JwtBearer).</summary>
    public const string JwtScheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>The MCP SDK's handler, which serves the protected resource metadata document.</summary>
    public const string MetadataScheme = McpAuthenticationDefaults.AuthenticationScheme;

    /// <summary>RFC 9728: the metadata of the resource at path P is served at this prefix followed by P.</summary>
    public const string MetadataPathPrefix = "/.well-known/oauth-protected-resource";
}
