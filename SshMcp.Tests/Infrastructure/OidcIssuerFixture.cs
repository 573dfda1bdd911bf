using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// A small OpenID Connect issuer: Kestrel on a free loopback port serving the discovery document and its JWKS, and
/// signing access tokens with its own RSA key. The server under test fetches both exactly as it would from a real
/// identity provider; <see cref="OtherKey"/> signs tokens the issuer never published a key for.
/// </summary>
public sealed class OidcIssuerFixture : IAsyncLifetime
{
    public const string KeyId = "test-key-1";
    private readonly RSA _key = RSA.Create(2048);
    private WebApplication _app = null!;

    /// <summary>A key this issuer does not publish.</summary>
    public RSA OtherKey { get; } = RSA.Create(2048);

    /// <summary>The issuer URL (<c>http://127.0.0.1:PORT/realm</c>), also the <c>iss</c> of its tokens.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>How often the server fetched the discovery document.</summary>
    public int DiscoveryRequests => _discoveryRequests;

    private int _discoveryRequests;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/realm/.well-known/openid-configuration", () =>
        {
            Interlocked.Increment(ref _discoveryRequests);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Authority,
                ["jwks_uri"] = Authority + "/jwks",
                ["authorization_endpoint"] = Authority + "/authorize",
                ["token_endpoint"] = Authority + "/token",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        _app.MapGet("/realm/jwks", () =>
        {
            var p = _key.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
        });
        await _app.StartAsync().WaitAsync(HttpServerHarness.Bound);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Authority = address.TrimEnd('/') + "/realm";
    }

    /// <summary>A signed access token; every part can be made wrong for a test.</summary>
    public string Issue(string subject, string audience, TimeSpan? lifetime = null, string? scope = null, RSA? signingKey = null, string? issuer = null, IDictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>());
        if (subject.Length > 0)
        {
            all["sub"] = subject;
        }

        if (scope is not null)
        {
            all["scope"] = scope;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Authority,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            Claims = all,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signingKey ?? _key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(HttpServerHarness.Bound);
        await _app.DisposeAsync();
        _key.Dispose();
        OtherKey.Dispose();
    }
}
