using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SshMcp.Server.Elicitation;
using SshMcp.Server.Ssh;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Elicitation;

/// <summary>The page's own loopback listener, as a server without HTTP (stdio) has it: started on demand, stopped when idle.</summary>
public sealed class LoopbackSecretPageHostTests
{
    [Fact]
    public async Task Listener_NoQuestionForTheIdleTime_StopsAndStartsAgainWhenAsked()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await McpServerHarness.StartAsync(services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var inbox = server.Services.GetRequiredService<SecretInbox>();
        var pages = server.Services.GetRequiredService<ISecretPageHost>();
        var pending = inbox.Open(new SecretPrompt(SecretKind.Password, "deploy", "db.example", 22, "password"));
        var page = SecretPageEndpoints.PageUrl(await pages.BaseAddressAsync(CancellationToken.None), pending);

        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(page.Host)));
        Assert.Equal(HttpStatusCode.OK, (await SecretPageVisitor.OpenAsync(page)).Status);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await SecretPageVisitor.OpenAsync(page)).Status);

        pending.Close();
        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.True(await Poll.UntilAsync(async _ => !await AnswersAsync(page), McpServerHarness.CallBound, CancellationToken.None), "the listener still answers after a minute without a question");
        var next = inbox.Open(new SecretPrompt(SecretKind.Password, "deploy", "db.example", 22, "password"));
        var again = SecretPageEndpoints.PageUrl(await pages.BaseAddressAsync(CancellationToken.None), next);
        Assert.Equal(HttpStatusCode.OK, (await SecretPageVisitor.OpenAsync(again)).Status);
        next.Close();
    }

    private static async Task<bool> AnswersAsync(Uri page)
    {
        try
        {
            await SecretPageVisitor.OpenAsync(page);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
