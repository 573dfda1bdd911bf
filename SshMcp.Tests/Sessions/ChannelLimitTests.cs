using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

/// <summary>A session holds one channel; when the host refuses the second one a stop needs, the result says so.</summary>
public sealed class ChannelLimitTests : IAsyncLifetime
{
    private readonly SshdFixture _sshd = SshdFixture.Create(new SshdOptions { MaxSessions = 1 });

    public Task InitializeAsync() => _sshd.InitializeAsync();

    public Task DisposeAsync() => _sshd.DisposeAsync();

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_OneChannelAllowed_SessionWorksOnItsSingleChannel(string transport)
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.OpenAsync(_sshd, transport)).SessionId;

        var first = await server.ExecAsync(session, "echo one");
        var second = await server.ExecAsync(session, "echo two");

        Assert.Equal("one\n", first.Stdout);
        Assert.Equal("two\n", second.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_TimeoutWhenSecondChannelRefused_SaysSoAndClosesTheSession(string transport)
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.OpenAsync(_sshd, transport)).SessionId;

        var result = await server.ExecAsync(session, "sleep 63", timeoutMs: 500);

        Assert.True(result.TimedOut);
        Assert.Equal("stop-unconfirmed", result.Stop);
        Assert.True(result.ShellEnded);
        Assert.Contains("refused a second SSH channel", result.Notice, StringComparison.Ordinal);
        var after = await server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "true" });
        Assert.Contains("No open session", after, StringComparison.Ordinal);
    }
}
