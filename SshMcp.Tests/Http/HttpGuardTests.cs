using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Http;

/// <summary>Raw HTTP requests against the real pipeline: each refusal comes before MCP runs, with a status and a message.</summary>
public sealed class HttpGuardTests : IAsyncLifetime
{
    private HttpServerHarness _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await HttpServerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["SshMcp:Http:AllowedOrigins"] = "https://agent.example.com",
        });
        _http = _server.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Post_WithToken_IsServedWithASession()
    {
        using var response = await SendAsync(McpRequests.Initialize(HttpServerHarness.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Fact]
    public async Task Post_WithoutToken_Returns401WithBearerChallenge()
    {
        using var response = await SendAsync(McpRequests.Initialize(token: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.DoesNotContain("invalid_token", challenge.Parameter ?? "", StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        Assert.Contains("SSHMCP_AUTH_TOKEN", await BodyAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithWrongToken_Returns401WithInvalidTokenAndLogsNoToken()
    {
        const string Wrong = "wrong-token-0000000000000000000000";

        using var response = await SendAsync(McpRequests.Initialize(Wrong));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        var body = await BodyAsync(response);
        Assert.DoesNotContain(Wrong, body, StringComparison.Ordinal);
        Assert.DoesNotContain(HttpServerHarness.Token, body, StringComparison.Ordinal);
        Assert.Contains(_server.Logs.Lines, l => l.Contains("[1112]", StringComparison.Ordinal));
        Assert.DoesNotContain(_server.Logs.Lines, l => l.Contains(Wrong, StringComparison.Ordinal) || l.Contains(HttpServerHarness.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WithOtherAuthScheme_Returns401()
    {
        var request = McpRequests.Initialize(token: null);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("u:" + HttpServerHarness.Token)));

        using var response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:3000")]
    [InlineData("127.0.0.1.evil.example")]
    public async Task Post_WithForeignHost_Returns421EvenWithToken(string host)
    {
        using var response = await SendAsync(McpRequests.Initialize(HttpServerHarness.Token, host: host));

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.Contains("SshMcp:Http:AllowedHosts", await BodyAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:1234")]
    [InlineData("[::1]:3000")]
    public async Task Post_WithLoopbackHostName_IsServed(string host)
    {
        using var response = await SendAsync(McpRequests.Initialize(HttpServerHarness.Token, host: host));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithForeignHostAndNoToken_Returns421BeforeAuthentication()
    {
        using var response = await SendAsync(McpRequests.Initialize(token: null, host: "evil.example"));

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("https://agent.example.com.evil.example")]
    public async Task Post_WithForeignOrigin_Returns403EvenWithToken(string origin)
    {
        using var response = await SendAsync(McpRequests.Initialize(HttpServerHarness.Token, origin: origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SshMcp:Http:AllowedOrigins", await BodyAsync(response), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Theory]
    [InlineData("http://localhost:6274")]
    [InlineData("http://127.0.0.1:5173")]
    [InlineData("http://[::1]:8080")]
    [InlineData("https://localhost")]
    public async Task Post_WithLoopbackOriginOnALoopbackServer_IsServed(string origin)
    {
        using var response = await SendAsync(McpRequests.Initialize(HttpServerHarness.Token, origin: origin));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithTheServersOwnOrigin_IsServed()
    {
        var own = _server.BaseAddress.GetLeftPart(UriPartial.Authority);

        using var response = await SendAsync(McpRequests.Initialize(HttpServerHarness.Token, origin: own));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("https://agent.example.com")]
    [InlineData("HTTPS://Agent.Example.com:443")]
    public async Task Post_WithAllowedOrigin_IsServed(string origin)
    {
        using var response = await SendAsync(McpRequests.Initialize(HttpServerHarness.Token, origin: origin));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413()
    {
        var request = McpRequests.Initialize(HttpServerHarness.Token);
        request.Content = new StreamContent(new ZeroStream(5 * 1024 * 1024, canSeek: true));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // As curl does for large bodies: the server answers before a byte of the body is sent.
        request.Headers.ExpectContinue = true;

        using var response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("SshMcp:Http:MaxRequestBodyBytes", await BodyAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_Returns413()
    {
        var request = McpRequests.Initialize(HttpServerHarness.Token);
        // No length up front: Kestrel cuts the body at the limit while MCP reads it.
        request.Content = new StreamContent(new ZeroStream(5 * 1024 * 1024, canSeek: false));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("SshMcp:Http:MaxRequestBodyBytes", await BodyAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CommandOfOneMebibyte_FitsTheDefaultLimit()
    {
        var request = McpRequests.Initialize(HttpServerHarness.Token);
        // An initialize with 1 MiB of padding stands in for an ssh_exec with a 1 MiB command (MaxCommandBytes).
        request.Content = new StringContent(McpRequests.InitializeJson.Replace("\"raw\"", "\"" + new string('x', 1024 * 1024) + "\"", StringComparison.Ordinal), Encoding.UTF8, "application/json");

        using var response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Probe_WithoutTokenAndWithForeignHost_AnswersHealthyAndNothingMore(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "10.1.2.3:3000";

        using var response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await BodyAsync(response));
        Assert.Empty(response.Headers.Server);
    }

    [Fact]
    public async Task Get_UnknownPath_Returns404WithoutDetail()
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("", await BodyAsync(response));
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        _http.SendAsync(request).WaitAsync(HttpServerHarness.Bound);

    private static Task<string> BodyAsync(HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync().WaitAsync(HttpServerHarness.Bound);

    /// <summary>
    /// A large body made on the fly (spaces, which JSON readers skip), so these tests hold no large buffer; without
    /// seeking, HttpClient cannot know its length and sends it chunked.
    /// </summary>
    private sealed class ZeroStream(long length, bool canSeek) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => canSeek;

        public override bool CanWrite => false;

        public override long Length => canSeek ? length : throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
