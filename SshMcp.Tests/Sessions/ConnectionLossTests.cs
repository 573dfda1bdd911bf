using System.Diagnostics;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

/// <summary>A dropped or frozen connection ends the call in flight with a clear error, within a bound.</summary>
public sealed class ConnectionLossTests : IAsyncLifetime
{
    private readonly SshdFixture _sshd = SshdFixture.Create(new SshdOptions());

    public Task InitializeAsync() => _sshd.InitializeAsync();

    public Task DisposeAsync() => _sshd.DisposeAsync();

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_ConnectionKilledWhileRunning_FailsClearlyRemovesSessionNextOpenWorks(string transport)
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.OpenAsync(_sshd, transport)).SessionId;
        var running = server.Client.CallToolAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "sleep 60" }).AsTask();
        Assert.NotNull(await _sshd.WaitForProcessAsync(p => p.Args == "sleep 60", TimeSpan.FromSeconds(10), default));
        var clock = Stopwatch.StartNew();

        Assert.True(await _sshd.KillConnectionProcessesAsync(default) > 0);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(result.IsError);
        Assert.Contains("connection", result.Text(), StringComparison.Ordinal);
        Assert.Contains("was lost", result.Text(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        var after = await server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "true" });
        Assert.Contains("No open session", after, StringComparison.Ordinal);
        var again = await server.OpenAsync(_sshd, transport);
        Assert.Equal("ok\n", (await server.ExecAsync(again.SessionId, "echo ok")).Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_ConnectionFrozenWhileRunning_FailsWithinTheLivenessBound(string transport)
    {
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:LivenessCheckSeconds"] = "2" });
        var session = (await server.OpenAsync(_sshd, transport)).SessionId;
        var running = server.Client.CallToolAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "sleep 61" }).AsTask();
        Assert.NotNull(await _sshd.WaitForProcessAsync(p => p.Args == "sleep 61", TimeSpan.FromSeconds(10), default));
        var clock = Stopwatch.StartNew();
        try
        {
            Assert.True(await _sshd.SignalConnectionProcessesAsync("STOP", default) > 0);

            var result = await running.WaitAsync(TimeSpan.FromSeconds(20));

            Assert.True(result.IsError);
            Assert.Contains("stopped answering", result.Text(), StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"took {clock.Elapsed}");
        }
        finally
        {
            await _sshd.SignalConnectionProcessesAsync("CONT", default);
        }
    }
}
