using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SshMcp.Server.Sessions;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

[Collection(SshdCollection.Name)]
public sealed class IdleReaperTests(SshdFixture sshd)
{
    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Sweep_SessionIdlePastTheLimit_IsClosedOnTheHost(string transport)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await McpServerHarness.StartAsync(
            new Dictionary<string, string?> { ["SshMcp:IdleTimeoutMinutes"] = "30" },
            services => services.AddSingleton<TimeProvider>(time));
        var idle = (await server.OpenAsync(sshd, transport)).SessionId;
        var shellPid = (await server.ExecAsync(idle, "sleep 501 >/dev/null 2>&1 & echo $$")).Stdout.Trim();
        var reaper = server.Services.GetRequiredService<IdleSessionReaper>();

        time.Advance(TimeSpan.FromMinutes(29));
        await reaper.SweepAsync();
        var stillThere = await server.ExecAsync(idle, "echo here");
        time.Advance(TimeSpan.FromMinutes(31));
        await reaper.SweepAsync();

        Assert.Equal("here\n", stillThere.Stdout);
        var error = await server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = idle, ["command"] = "true" });
        Assert.Contains("No open session", error, StringComparison.Ordinal);
        Assert.True(await sshd.WaitForNoProcessAsync(
            p => p.Args == "sleep 501" || p.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) == shellPid,
            TimeSpan.FromSeconds(10),
            default));
    }
}
