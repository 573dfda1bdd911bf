using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SshMcp.Server.Http;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Http;

/// <summary>What the HTTP server refuses to start with, and where its settings come from.</summary>
public sealed class HttpStartupTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.0.2.10")]
    public async Task Start_PublicBindWithoutToken_RefusesAndSaysWhatToSet(string bindAddress)
    {
        var port = FreeLoopbackPort();

        var error = await RefusedAsync(new Dictionary<string, string?>
        {
            ["SshMcp:Http:BindAddress"] = bindAddress,
            ["SshMcp:Http:AuthToken"] = null,
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Contains($"Refusing to listen on {bindAddress} without a bearer token", error.Message, StringComparison.Ordinal);
        Assert.Contains("SSHMCP_AUTH_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("SshMcp:Http:BindAddress=127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.False(IsListening(port), "nothing may listen after a refused start");
    }

    [Fact]
    public async Task Start_PublicBindWithoutAllowedTargets_RefusesAndSaysWhatToSet()
    {
        var error = await RefusedAsync(new Dictionary<string, string?> { ["SshMcp:Http:BindAddress"] = "0.0.0.0" });

        Assert.Contains("Refusing to listen on 0.0.0.0 without SshMcp:AllowedTargets", error.Message, StringComparison.Ordinal);
        Assert.Contains("(or \"*\" to allow every target on purpose)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PublicBindWithoutToken_ExitsWithCode2()
    {
        var exitCode = await SshMcpHttpApp.RunAsync(["--SshMcp:Http:BindAddress=0.0.0.0", "--SshMcp:Http:AuthToken=", "--SSHMCP_AUTH_TOKEN=", "--PORT=0"])
            .WaitAsync(HttpServerHarness.Bound);

        Assert.Equal(2, exitCode);
    }

    [Fact]
    public async Task Start_ShortToken_RefusesWithoutEchoingIt()
    {
        var error = await RefusedAsync(new Dictionary<string, string?> { ["SshMcp:Http:AuthToken"] = "short-secret" });

        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SshMcp:Http:BindAddress", "not-an-address", "SshMcp:Http:BindAddress (or HOST)")]
    [InlineData("PORT", "http", "PORT must be a TCP port number")]
    [InlineData("SshMcp:Http:AllowedOrigins", "https://ok.example/path", "'https://ok.example/path' is not an origin")]
    [InlineData("SshMcp:Http:AllowedHosts", " ; ", "SshMcp:Http:AllowedHosts is empty")]
    [InlineData("SshMcp:Http:MaxRequestBodyBytes", "1000", "SshMcp:Http:MaxRequestBodyBytes")]
    [InlineData("SshMcp:MaxSessionsPerPrincipal", "0", "SshMcp:MaxSessionsPerPrincipal")]
    public async Task Start_InvalidSetting_RefusesNamingIt(string key, string value, string expected)
    {
        var error = await RefusedAsync(new Dictionary<string, string?> { [key] = value });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_ShortVariables_FillBindAddressTokenAndPort()
    {
        await using var app = HttpServerHarness.Build(
            new Dictionary<string, string?>
            {
                ["SshMcp:Http:BindAddress"] = null,
                ["SshMcp:Http:AuthToken"] = null,
                ["HOST"] = "0.0.0.0",
                ["SSHMCP_AUTH_TOKEN"] = "from-the-environment-0123456789",
                ["PORT"] = "8123",
            },
            new CapturingLoggerProvider());

        var options = app.Services.GetRequiredService<IOptions<SshMcpHttpOptions>>().Value;

        Assert.Equal("0.0.0.0", options.BindAddress);
        Assert.Equal("from-the-environment-0123456789", options.AuthToken);
        Assert.Equal(8123, options.Port);
    }

    [Fact]
    public async Task Settings_SectionKeys_WinOverShortVariables()
    {
        await using var app = HttpServerHarness.Build(
            new Dictionary<string, string?>
            {
                ["SshMcp:Http:BindAddress"] = "127.0.0.1",
                ["HOST"] = "0.0.0.0",
                ["SSHMCP_AUTH_TOKEN"] = "from-the-environment-0123456789",
            },
            new CapturingLoggerProvider());

        var options = app.Services.GetRequiredService<IOptions<SshMcpHttpOptions>>().Value;

        Assert.Equal("127.0.0.1", options.BindAddress);
        Assert.Equal(HttpServerHarness.Token, options.AuthToken);
    }

    [Fact]
    public async Task Start_LoopbackWithoutToken_ServesWithoutAuthorization()
    {
        await using var server = await HttpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Http:AuthToken"] = null });
        using var http = server.CreateHttpClient();

        using var response = await http.SendAsync(McpRequests.Initialize(token: null)).WaitAsync(HttpServerHarness.Bound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(server.Logs.Lines, l => l.Contains("[1100]", StringComparison.Ordinal) && l.Contains("loopback only, no token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithToken_LogsTheEndpointButNotTheToken()
    {
        await using var server = await HttpServerHarness.StartAsync();

        Assert.Contains(server.Logs.Lines, l => l.Contains("[1100]", StringComparison.Ordinal) && l.Contains(server.McpEndpoint.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(HttpServerHarness.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_BeyondLoopback_RefusesLoopbackOriginsNotOnTheList()
    {
        // Bound to every interface, "localhost" is no longer this machine's user alone: only the list applies.
        await using var server = await HttpServerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["SshMcp:Http:BindAddress"] = "0.0.0.0",
            ["SshMcp:AllowedTargets"] = "*",
            ["SshMcp:Http:AllowedOrigins"] = "https://agent.example.com",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.BaseAddress.Port}"), Timeout = HttpServerHarness.Bound };

        using var loopback = await http.SendAsync(McpRequests.Initialize(HttpServerHarness.Token, origin: "http://localhost:6274"));
        using var listed = await http.SendAsync(McpRequests.Initialize(HttpServerHarness.Token, origin: "https://agent.example.com"));

        Assert.Equal(HttpStatusCode.Forbidden, loopback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [Fact]
    public async Task Post_WithATokenMatchingNoName_Returns401()
    {
        await using var server = await HttpServerHarness.StartAsync(HttpSessionOwnershipTests.NamedTokens());
        using var http = server.CreateHttpClient();

        using var named = await http.SendAsync(McpRequests.Initialize(HttpSessionOwnershipTests.AliceToken));
        using var unknown = await http.SendAsync(McpRequests.Initialize("carol-token-00000000000000000000000000"));

        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Start_TwoNamesWithOneToken_RefusesNamingTheSetting()
    {
        var error = await RefusedAsync(new Dictionary<string, string?>
        {
            ["SshMcp:Http:Tokens:alice"] = HttpSessionOwnershipTests.AliceToken,
            ["SshMcp:Http:Tokens:mallory"] = HttpSessionOwnershipTests.AliceToken,
        });

        Assert.Contains("SshMcp:Http:Tokens:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(HttpSessionOwnershipTests.AliceToken, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Builds and starts the app, which must refuse (building it already validates the settings, as Kestrel reads them).</summary>
    private static Task<OptionsValidationException> RefusedAsync(IDictionary<string, string?> settings) =>
        Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = HttpServerHarness.Build(settings, new CapturingLoggerProvider());
            await app.StartAsync().WaitAsync(HttpServerHarness.Bound);
        });

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
