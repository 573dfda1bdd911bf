using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

[Collection(SshdCollection.Name)]
public sealed class CloseTests(SshdFixture sshd) : IAsyncLifetime
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(10);
    private McpServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await McpServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Close_OpenSession_EndsTheShellAndItsBackgroundProcesses(string transport)
    {
        var session = (await _server.OpenAsync(sshd, transport)).SessionId;
        var pid = (await _server.ExecAsync(session, "sleep 301 >/dev/null 2>&1 & echo $$")).Stdout.Trim();
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 301", ProcessDeadline, default));

        var closed = await _server.CloseAsync(session);

        Assert.True(closed.Closed);
        Assert.True(await sshd.WaitForNoProcessAsync(p => p.Args == "sleep 301" || p.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) == pid, ProcessDeadline, default));
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Close_WhileACommandRuns_EndsItAndTheCallReturns(string transport)
    {
        var session = (await _server.OpenAsync(sshd, transport)).SessionId;
        var running = _server.ExecAsync(session, "sleep 302", timeoutMs: 60_000);
        Assert.NotNull(await sshd.WaitForProcessAsync(p => p.Args == "sleep 302", ProcessDeadline, default));

        var closed = await _server.CloseAsync(session);
        var result = await running;

        Assert.True(closed.Closed);
        Assert.True(result.ShellEnded);
        Assert.True(await sshd.WaitForNoProcessAsync(p => p.Args == "sleep 302", ProcessDeadline, default));
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Close_Twice_SecondSaysNotClosedAndHarmsNothing(string transport)
    {
        var session = (await _server.OpenAsync(sshd, transport)).SessionId;
        var other = (await _server.OpenAsync(sshd, transport)).SessionId;

        var first = await _server.CloseAsync(session);
        var second = await _server.CloseAsync(session);
        var unknown = await _server.CloseAsync("s-never-existed");

        Assert.True(first.Closed);
        Assert.False(second.Closed);
        Assert.False(unknown.Closed);
        Assert.Equal("ok\n", (await _server.ExecAsync(other, "echo ok")).Stdout);
    }
}
