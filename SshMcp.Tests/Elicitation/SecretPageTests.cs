using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SshMcp.Server.Elicitation;
using SshMcp.Server.Ssh;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Elicitation;

/// <summary>
/// The secret page on the real HTTP server: what it shows, how it must be sent, and that an id works once and only
/// until it expires. The questions are opened directly in the server's inbox, as a waiting login opens them.
/// </summary>
public sealed class SecretPageTests : IAsyncLifetime
{
    private const string Tricky = "pä ss+w&rd=%20\"<>'";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private HttpServerHarness _server = null!;

    private SecretInbox Inbox => _server.Services.GetRequiredService<SecretInbox>();

    public async Task InitializeAsync() =>
        _server = await HttpServerHarness.StartAsync(configure: b => b.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_time)));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Get_OpenQuestion_ShowsLoginAndPromptEncodedWithoutCaching()
    {
        var (_, page) = Open("<b>Verification</b> code: ");

        var (status, html, response) = await SecretPageVisitor.OpenAsync(page);

        Assert.Equal(HttpStatusCode.OK, status);
        var text = SecretPageVisitor.Text(html);
        Assert.Contains("Logging in as deploy to db.example port 2222", text, StringComparison.Ordinal);
        Assert.Contains("<b>Verification</b> code:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Verification", html, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("form-action 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_UnknownId_Is404()
    {
        var (status, html, _) = await SecretPageVisitor.OpenAsync(new Uri(_server.BaseAddress, "/secret/not-an-id"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no longer works", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FromThePage_HandsTheExactBytesToTheWaiterOnce()
    {
        var (pending, page) = Open();
        var waiter = pending.WaitAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, await SecretPageVisitor.SendAsync(page, Tricky));
        using var secret = await waiter.WaitAsync(HttpServerHarness.Bound);

        Assert.Equal(Encoding.UTF8.GetBytes(Tricky), secret.Utf8);
        Assert.Equal(HttpStatusCode.NotFound, await SecretPageVisitor.SendAsync(page, "second-try"));
        Assert.Equal(HttpStatusCode.NotFound, (await SecretPageVisitor.OpenAsync(page)).Status);
    }

    [Fact]
    public async Task Post_FromAnotherOrigin_IsRefusedAndTheQuestionStaysOpen()
    {
        var (pending, page) = Open();

        Assert.Equal(HttpStatusCode.Forbidden, await SecretPageVisitor.SendAsync(page, "x", origin: "http://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, await SecretPageVisitor.SendAsync(page, "x", origin: "", fetchSite: "cross-site"));

        Assert.False(pending.IsFinished);
        Assert.Same(pending, Inbox.Find(pending.Id));
    }

    [Fact]
    public async Task Post_EmptySecret_AsksAgainAndKeepsTheQuestion()
    {
        var (pending, page) = Open();

        Assert.Equal(HttpStatusCode.BadRequest, await SecretPageVisitor.SendAsync(page, ""));

        Assert.False(pending.IsFinished);
    }

    [Fact]
    public async Task Post_Cancel_EndsTheQuestionAsDeclined()
    {
        var (pending, page) = Open();
        var waiter = pending.WaitAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, await SecretPageVisitor.SendAsync(page, "", action: "cancel"));

        var failure = await Assert.ThrowsAsync<SshFailureException>(() => waiter.WaitAsync(HttpServerHarness.Bound));
        Assert.Equal(SshFailureKind.SecretNotGiven, failure.Kind);
        Assert.Contains("declined", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Question_PastItsTimeout_ExpiresAndItsPageIs404()
    {
        var (pending, page) = Open();
        var waiter = pending.WaitAsync(CancellationToken.None);

        _time.Advance(Inbox.Timeout + TimeSpan.FromSeconds(1));

        var failure = await Assert.ThrowsAsync<SshFailureException>(() => waiter.WaitAsync(HttpServerHarness.Bound));
        Assert.Contains("within 300 s", failure.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await SecretPageVisitor.OpenAsync(page)).Status);
        Assert.Equal(HttpStatusCode.NotFound, await SecretPageVisitor.SendAsync(page, "late"));
    }

    [Fact]
    public async Task Page_UnderAHostNameThatIsNotLoopback_Is404()
    {
        await using var server = await HttpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Http:AllowedHosts"] = "localhost;127.0.0.1;rebound.example" });
        var pending = server.Services.GetRequiredService<SecretInbox>().Open(new SecretPrompt(SecretKind.Password, "deploy", "db.example", 22, "password"));
        using var http = server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, SecretPageEndpoints.PageUrl(server.BaseAddress, pending));
        request.Headers.Host = "rebound.example";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        pending.Close();
    }

    [Fact]
    public async Task Page_BehindAPublicUrl_AnswersThatNameAndItsOriginOnly()
    {
        await using var server = await HttpServerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["SshMcp:Http:AllowedHosts"] = "localhost;127.0.0.1;ssh-mcp.example",
            ["SshMcp:Elicitation:PublicUrl"] = "https://ssh-mcp.example",
        });
        var pending = server.Services.GetRequiredService<SecretInbox>().Open(new SecretPrompt(SecretKind.Password, "deploy", "db.example", 22, "password"));
        var waiter = pending.WaitAsync(CancellationToken.None);
        var page = SecretPageEndpoints.PageUrl(server.BaseAddress, pending);
        using var http = server.CreateHttpClient();

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(http, page, "https://elsewhere.example"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, page, "https://ssh-mcp.example"));

        using var secret = await waiter.WaitAsync(HttpServerHarness.Bound);
        Assert.Equal("s3cret"u8.ToArray(), secret.Utf8);
        Assert.Equal(new Uri("https://ssh-mcp.example/secret/" + pending.Id), SecretPageEndpoints.PageUrl(new Uri("https://ssh-mcp.example"), pending));
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Uri page, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, page) { Content = new FormUrlEncodedContent([new("secret", "s3cret"), new("action", "send")]) };
        request.Headers.Host = "ssh-mcp.example";
        request.Headers.Add("Origin", origin);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private (PendingSecret Pending, Uri Page) Open(string text = "Password: ")
    {
        var pending = Inbox.Open(new SecretPrompt(SecretKind.Interactive, "deploy", "db.example", 2222, text));
        return (pending, SecretPageEndpoints.PageUrl(_server.BaseAddress, pending));
    }
}
