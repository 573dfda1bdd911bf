using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.AspNetCore;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Http;

/// <summary>
/// SSH sessions outlive the MCP sessions and requests that used them (they end on ssh_close, idle timeout or server
/// stop), while a command ends with the request that runs it: a client that aborts its request stops it on the host.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class HttpSessionLifetimeTests(SshdFixture sshd)
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task IdleExpiry_OfAnMcpSession_LeavesItsSshSessionsUsable()
    {
        // Only the SDK's session clock is fake: the MCP session expires, the SSH session keeps real time.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await HttpServerHarness.StartAsync(
            configure: b => b.Services.Configure<HttpServerTransportOptions>(o => o.TimeProvider = clock));
        // No DELETE on dispose and no open GET stream: the session is left idle, as by a client that vanished.
        var a = await server.ConnectAsync(ownsSession: false, standaloneGetStream: false, protocolVersion: "2025-11-25");
        var session = (await a.OpenAsync(sshd)).SessionId;
        await a.ExecAsync(session, "cd /tmp; sleep 403 >/dev/null 2>&1 &");
        await a.DisposeAsync().AsTask().WaitAsync(HttpServerHarness.Bound);

        // Past the SDK's 2 h idle timeout; its sweep runs on this clock every 5 s.
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromHours(1));
        }

        var later = await server.ConnectAsync();
        Assert.Equal("/tmp\n", (await later.ExecAsync(session, "pwd")).Stdout);
        Assert.Contains(await sshd.ListUserProcessesAsync(default), p => p.Args == "sleep 403");
        await later.CloseAsync(session);
        Assert.True(await sshd.WaitForNoProcessAsync(p => p.Args == "sleep 403", ProcessDeadline, default), "ssh_close left the session's job running");
    }

    [Fact]
    public async Task Stop_OfTheServer_ClosesEverySshSessionOnTheHost()
    {
        await using var server = await HttpServerHarness.StartAsync(HttpSessionOwnershipTests.NamedTokens());
        var a = await server.ConnectAsync(HttpSessionOwnershipTests.AliceToken);
        var b = await server.ConnectAsync(HttpSessionOwnershipTests.BobToken);
        await a.ExecAsync((await a.OpenAsync(sshd)).SessionId, "sleep 402 >/dev/null 2>&1 &");
        await b.ExecAsync((await b.OpenAsync(sshd)).SessionId, "sleep 405 >/dev/null 2>&1 &");
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 405", ProcessDeadline, default));

        await server.StopAsync();

        Assert.True(
            await sshd.WaitForNoProcessAsync(p => p.Args is "sleep 402" or "sleep 405", ProcessDeadline, default),
            "SSH sessions outlived the server");
    }

    [Fact]
    public async Task CancelledCall_OfA20260728Client_StopsTheCommandOnTheHostAndKeepsTheSession()
    {
        // A 2026-07-28 client has no MCP session to send notifications/cancelled in: it cancels by closing the request.
        await using var server = await HttpServerHarness.StartAsync();
        var client = await server.ConnectAsync();
        var session = (await client.OpenAsync(sshd)).SessionId;
        using var cancel = new CancellationTokenSource();

        var call = client.Client.CallToolAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "sleep 406" }, cancellationToken: cancel.Token).AsTask();
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 406", ProcessDeadline, default));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(HttpServerHarness.Bound));

        Assert.Equal("2026-07-28", client.Client.NegotiatedProtocolVersion);
        Assert.True(await sshd.WaitForNoProcessAsync(p => p.Args == "sleep 406", ProcessDeadline, default), "the command outlived its cancelled request");
        Assert.Equal("after\n", (await client.ExecAsync(session, "echo after")).Stdout);
    }

    [Fact]
    public async Task AbortedRequest_OfALegacyClient_StopsTheCommandOnTheHostAndKeepsTheSession()
    {
        // A 2025-11-25 client that drops its POST without sending notifications/cancelled (it crashed, or its network went).
        await using var server = await HttpServerHarness.StartAsync();
        var client = await server.ConnectAsync(protocolVersion: "2025-11-25");
        var session = (await client.OpenAsync(sshd)).SessionId;
        using var http = server.CreateHttpClient();
        using var abort = new CancellationTokenSource();

        var call = SendToolCallAsync(http, client.Client.SessionId!, session, "sleep 407", abort.Token);
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 407", ProcessDeadline, default));
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(HttpServerHarness.Bound));

        Assert.True(await sshd.WaitForNoProcessAsync(p => p.Args == "sleep 407", ProcessDeadline, default), "the command outlived its aborted request");
        Assert.Equal("after\n", (await client.ExecAsync(session, "echo after")).Stdout);
    }

    private static async Task SendToolCallAsync(HttpClient http, string mcpSession, string sshSession, string command, CancellationToken cancellationToken)
    {
        var body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + ToolNames.Exec
            + "\",\"arguments\":{\"sessionId\":\"" + sshSession + "\",\"command\":\"" + command + "\"}}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HttpServerHarness.Token);
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        request.Headers.Add("Mcp-Session-Id", mcpSession);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await stream.CopyToAsync(Stream.Null, cancellationToken);
    }
}
