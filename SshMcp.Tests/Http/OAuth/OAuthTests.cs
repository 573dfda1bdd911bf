using System.Net;
using System.Text.Json;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Http.OAuth;

/// <summary>
/// The server as an OAuth 2.1 resource server against a real (small) OpenID Connect issuer: JwtBearer fetches its
/// discovery document and keys over HTTP exactly as in production. Real MCP clients carry the access tokens; static
/// named tokens keep working beside them.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class OAuthTests(SshdFixture sshd, OidcIssuerFixture issuer) : IClassFixture<OidcIssuerFixture>, IAsyncLifetime
{
    public const string Audience = "https://sshmcp.test/mcp";
    private HttpServerHarness _server = null!;

    public static Dictionary<string, string?> Settings(OidcIssuerFixture issuer, string? requiredScope = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var settings = HttpSessionOwnershipTests.NamedTokens();
        settings["SshMcp:Http:AuthToken"] = null;
        settings["SshMcp:Http:OAuth:Authority"] = issuer.Authority;
        settings["SshMcp:Http:OAuth:Audience"] = Audience;
        settings["SshMcp:Http:OAuth:RequiredScope"] = requiredScope;
        return settings;
    }

    public async Task InitializeAsync() => _server = await HttpServerHarness.StartAsync(Settings(issuer));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Open_WithValidJwts_RunsCommandsAndEachSubjectSeesOnlyItsOwnSessions()
    {
        var alice = await _server.ConnectAsync(issuer.Issue("alice-sub", Audience));
        var bob = await _server.ConnectAsync(issuer.Issue("bob-sub", Audience), protocolVersion: "2025-11-25");

        var session = (await alice.OpenAsync(sshd)).SessionId;
        var exec = await alice.ExecAsync(session, "echo hello from oauth");
        var foreign = await bob.CallErrorAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "true" });

        Assert.Equal("hello from oauth\n", exec.Stdout);
        Assert.Equal([session], (await alice.ListAsync()).Sessions.Select(s => s.SessionId));
        Assert.Empty((await bob.ListAsync()).Sessions);
        Assert.Contains($"No open session '{session}'", foreign, StringComparison.Ordinal);
        Assert.Contains(_server.Logs.Lines, l => l.Contains("[1001]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_WithStaticNamedTokenBesideOAuth_Works()
    {
        var carol = await _server.ConnectAsync(HttpSessionOwnershipTests.AliceToken);
        var dave = await _server.ConnectAsync(issuer.Issue("alice", Audience));

        var session = (await carol.OpenAsync(sshd)).SessionId;

        Assert.Equal(0, (await carol.ExecAsync(session, "true")).ExitCode);
        // The token named alice and the OAuth subject alice are different principals.
        Assert.Empty((await dave.ListAsync()).Sessions);
    }

    [Theory]
    [InlineData("audience", "issued for another audience")]
    [InlineData("expired", "expired at")]
    [InlineData("key", "signature does not verify")]
    [InlineData("issuer", "was not issued by")]
    [InlineData("subject", "has no 'sub' claim")]
    public async Task Post_WithRefusedJwt_Returns401SayingWhy(string wrong, string expected)
    {
        var token = wrong switch
        {
            "audience" => issuer.Issue("alice", "https://other.test/mcp"),
            "expired" => issuer.Issue("alice", Audience, lifetime: TimeSpan.FromHours(-1)),
            "key" => issuer.Issue("alice", Audience, signingKey: issuer.OtherKey),
            "issuer" => issuer.Issue("alice", Audience, issuer: "https://impostor.test/realm"),
            _ => issuer.Issue("", Audience),
        };
        using var http = _server.CreateHttpClient();

        using var response = await http.SendAsync(McpRequests.Initialize(token));
        var body = await ErrorMessageAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("resource_metadata=\"", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Logs.Lines, l => l.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WithoutToken_ChallengesWithResourceMetadataThatNamesTheIssuer()
    {
        using var http = _server.CreateHttpClient();

        using var response = await http.SendAsync(McpRequests.Initialize(token: null));
        var challenge = response.Headers.WwwAuthenticate.ToString();
        var metadataUri = challenge.Split("resource_metadata=\"")[1].Split('"')[0];
        using var metadata = await http.GetAsync(new Uri(metadataUri));
        using var document = JsonDocument.Parse(await metadata.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("error=", challenge, StringComparison.Ordinal);
        Assert.Contains(issuer.Authority, await ErrorMessageAsync(response), StringComparison.Ordinal);
        Assert.Equal(new Uri(_server.BaseAddress, "/.well-known/oauth-protected-resource/mcp"), new Uri(metadataUri));
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Equal([issuer.Authority], document.RootElement.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(_server.McpEndpoint.ToString().TrimEnd('/'), document.RootElement.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task Post_WithUnknownStaticToken_Returns401NamingBothWays()
    {
        using var http = _server.CreateHttpClient();

        using var response = await http.SendAsync(McpRequests.Initialize("carol-token-00000000000000000000000000"));
        var body = await ErrorMessageAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("matches none configured", body, StringComparison.Ordinal);
        Assert.Contains(issuer.Authority, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutRequiredScope_Returns403InsufficientScope_AndWithItIsServed()
    {
        await using var scoped = await HttpServerHarness.StartAsync(Settings(issuer, requiredScope: "ssh.run"));
        using var http = scoped.CreateHttpClient();

        using var without = await http.SendAsync(McpRequests.Initialize(issuer.Issue("alice", Audience, scope: "openid profile")));
        using var with = await http.SendAsync(McpRequests.Initialize(issuer.Issue("alice", Audience, scope: "openid ssh.run")));
        using var staticToken = await http.SendAsync(McpRequests.Initialize(HttpSessionOwnershipTests.BobToken));

        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        var challenge = without.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"ssh.run\"", challenge, StringComparison.Ordinal);
        Assert.Contains("lacks the scope 'ssh.run'", await ErrorMessageAsync(without), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal(HttpStatusCode.OK, staticToken.StatusCode);
    }

    /// <summary>The message of a refusal's JSON-RPC error body.</summary>
    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetProperty("message").GetString() ?? "";
    }
}
