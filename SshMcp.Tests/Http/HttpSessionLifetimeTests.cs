using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.AspNetCore;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Http;

/// <summary>SSH sessions end when their MCP client session expires, and all of them when the server stops.</summary>
[Collection(SshdCollection.Name)]
public sealed class HttpSessionLifetimeTests(SshdFixture sshd)
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task IdleExpiry_OfAnMcpSession_ClosesItsSshSessionsOnTheHost()
    {
        // Only the SDK's session clock is fake; SSH sessions keep real time, so only the MCP expiry can close them.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await HttpServerHarness.StartAsync(
            configure: b => b.Services.Configure<HttpServerTransportOptions>(o => o.TimeProvider = clock));
        // No DELETE on dispose and no open GET stream: the session is left idle, as by a client that vanished.
        var a = await server.ConnectAsync(ownsSession: false, standaloneGetStream: false);
        var session = (await a.OpenAsync(sshd)).SessionId;
        await a.ExecAsync(session, "sleep 403 >/dev/null 2>&1 &");
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 403", ProcessDeadline, default));
        await a.DisposeAsync().AsTask().WaitAsync(HttpServerHarness.Bound);

        var gone = await Poll.UntilAsync(
            async ct =>
            {
                // Past the SDK's 2 h idle timeout; its sweep runs on this clock every 5 s.
                clock.Advance(TimeSpan.FromHours(1));
                return !(await sshd.ListUserProcessesAsync(ct)).Any(p => p.Args == "sleep 403");
            },
            ProcessDeadline,
            default);

        Assert.True(gone, "the SSH session outlived its expired MCP session");
        Assert.True(
            await Poll.UntilAsync(_ => Task.FromResult(server.Logs.Lines.Any(l => l.Contains("[1120]", StringComparison.Ordinal))), ProcessDeadline, default),
            "the MCP session's end was not what closed it");
    }

    [Fact]
    public async Task Stop_OfTheServer_ClosesEverySshSessionOnTheHost()
    {
        await using var server = await HttpServerHarness.StartAsync();
        var a = await server.ConnectAsync();
        var b = await server.ConnectAsync();
        await a.ExecAsync((await a.OpenAsync(sshd)).SessionId, "sleep 402 >/dev/null 2>&1 &");
        await b.ExecAsync((await b.OpenAsync(sshd)).SessionId, "sleep 405 >/dev/null 2>&1 &");
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 405", ProcessDeadline, default));

        await server.StopAsync();

        Assert.True(
            await sshd.WaitForNoProcessAsync(p => p.Args is "sleep 402" or "sleep 405", ProcessDeadline, default),
            "SSH sessions outlived the server");
    }
}
