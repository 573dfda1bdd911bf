using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Authentication;
using SshMcp.Server.Principals;

namespace SshMcp.Server.Http.OAuth;

/// <summary>
/// Registers the schemes behind <c>/mcp</c>: <see cref="OAuthDefaults.ClientScheme"/> (the router that answers
/// challenges), the JWT scheme and the MCP SDK's metadata scheme. They are always registered and read
/// <see cref="OAuthOptions"/> when used, so configuration added late (tests, command line) takes effect. None of them
/// needs Data Protection, which is why the server adds authentication without <c>AddAuthentication()</c>.
/// </summary>
internal static class OAuthAuthentication
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    public static void Add(AuthenticationBuilder authentication)
    {
        var services = authentication.Services;
        authentication.AddScheme<AuthenticationSchemeOptions, ClientAuthenticationHandler>(OAuthDefaults.ClientScheme, null);

        // AddJwtBearer would also bind Authentication:Schemes:Bearer from configuration (and needs AddAuthentication's
        // configuration provider): the scheme is configured from SshMcp:Http:OAuth only.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JwtBearerOptions>, JwtBearerPostConfigureOptions>());
        authentication.AddScheme<JwtBearerOptions, JwtBearerHandler>(OAuthDefaults.JwtScheme, null);
        services.AddOptions<JwtBearerOptions>(OAuthDefaults.JwtScheme).Configure<IOptions<SshMcpHttpOptions>>((o, http) => ConfigureJwt(o, http.Value.OAuth));

        authentication.AddMcp(OAuthDefaults.MetadataScheme, "MCP resource metadata");
        services.AddOptions<ModelContextProtocol.AspNetCore.Authentication.McpAuthenticationOptions>(OAuthDefaults.MetadataScheme)
            .Configure<IOptions<SshMcpHttpOptions>>((o, http) =>
            {
                var oauth = http.Value.OAuth;
                o.ForwardAuthenticate = OAuthDefaults.JwtScheme;
                o.ResourceMetadata = new ProtectedResourceMetadata
                {
                    AuthorizationServers = oauth.Enabled ? [oauth.Authority!] : [],
                    ScopesSupported = string.IsNullOrWhiteSpace(oauth.RequiredScope) ? [] : [oauth.RequiredScope],
                    BearerMethodsSupported = ["header"],
                    ResourceName = "SshMcp",
                };
                // Without OAuth there is no metadata to serve: the path is left to the rest of the pipeline (404).
                o.Events.OnResourceMetadataRequest = context =>
                {
                    if (!oauth.Enabled)
                    {
                        context.SkipHandler();
                    }

                    return Task.CompletedTask;
                };
            });

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, RequiredScopeHandler>());
    }

    /// <summary>The <c>/mcp</c> policy: an authenticated principal through <see cref="OAuthDefaults.ClientScheme"/> that holds the required scope.</summary>
    public static void AddPolicy(AuthorizationBuilder authorization, string name) =>
        authorization.AddPolicy(name, policy => policy
            .AddAuthenticationSchemes(OAuthDefaults.ClientScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new RequiredScopeRequirement()));

    /// <summary>True for an http authority on a loopback address: a local development issuer, the only place plain HTTP metadata is accepted.</summary>
    public static bool IsLoopbackHttp(Uri authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return authority.Scheme == Uri.UriSchemeHttp
            && (authority.IsLoopback || (IPAddress.TryParse(authority.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));
    }

    private static void ConfigureJwt(JwtBearerOptions o, OAuthOptions oauth)
    {
        if (!oauth.Enabled || !Uri.TryCreate(oauth.Authority, UriKind.Absolute, out var authority))
        {
            return;
        }

        o.Authority = oauth.Authority;
        o.Audience = oauth.Audience;
        o.RequireHttpsMetadata = !IsLoopbackHttp(authority);
        o.BackchannelTimeout = MetadataTimeout;
        o.MapInboundClaims = false;
        o.IncludeErrorDetails = false;
        o.TokenValidationParameters.NameClaimType = oauth.PrincipalClaim;
        o.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
        o.Events = new JwtBearerEvents { OnTokenValidated = context => NamePrincipal(context, oauth.PrincipalClaim) };
    }

    /// <summary>Adds the principal (<c>oauth:&lt;claim&gt;</c>) as the claims the session registry and the MCP SDK read.</summary>
    private static Task NamePrincipal(TokenValidatedContext context, string claim)
    {
        var subject = context.Principal?.FindFirst(claim)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            context.Fail(new MissingPrincipalClaimException($"The access token has no '{claim}' claim."));
            return Task.CompletedTask;
        }

        var principal = Principal.Subject(subject);
        context.Principal!.AddIdentity(new ClaimsIdentity(
            [new Claim(PrincipalClaims.Type, principal.Id), new Claim(ClaimTypes.NameIdentifier, principal.Id)], OAuthDefaults.JwtScheme));
        return Task.CompletedTask;
    }
}
