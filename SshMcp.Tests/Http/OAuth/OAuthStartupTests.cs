using System.Net;
using Microsoft.Extensions.Options;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Http.OAuth;

/// <summary>What the OAuth settings refuse at start, and that OAuth alone is enough to listen beyond loopback.</summary>
public sealed class OAuthStartupTests
{
    [Theory]
    [InlineData("http://login.example.com/realm", "https://sshmcp.test/mcp", "must be the issuer's https URL")]
    [InlineData("not a url", "https://sshmcp.test/mcp", "must be the issuer's https URL")]
    [InlineData("https://login.example.com/realm", "", "SshMcp:Http:OAuth:Audience is required")]
    public async Task Start_BadOAuthSettings_RefusesNamingThem(string authority, string audience, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = HttpServerHarness.Build(
                new Dictionary<string, string?> { ["SshMcp:Http:OAuth:Authority"] = authority, ["SshMcp:Http:OAuth:Audience"] = audience },
                new CapturingLoggerProvider());
            await app.StartAsync().WaitAsync(HttpServerHarness.Bound);
        });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PublicBindWithOAuthOnly_ListensAndRequiresAToken()
    {
        await using var server = await HttpServerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["SshMcp:Http:BindAddress"] = "0.0.0.0",
            ["SshMcp:Http:AuthToken"] = null,
            ["SshMcp:AllowedTargets"] = "*",
            ["SshMcp:Http:OAuth:Authority"] = "https://login.example.com/realm",
            ["SshMcp:Http:OAuth:Audience"] = "https://sshmcp.test/mcp",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.BaseAddress.Port}"), Timeout = HttpServerHarness.Bound };

        using var response = await http.SendAsync(McpRequests.Initialize(token: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(server.Logs.Lines, l => l.Contains("[1100]", StringComparison.Ordinal) && l.Contains("OAuth access token from https://login.example.com/realm required", StringComparison.Ordinal));
    }
}
