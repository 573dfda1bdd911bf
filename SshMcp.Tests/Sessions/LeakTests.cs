using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SshMcp.Server.Sessions;
using SshMcp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SshMcp.Tests.Sessions;

/// <summary>
/// Many open → exec → close cycles leave no shell or process on the host, no connection, no session and no memory
/// growth beyond noise. SSHMCP_LEAK_CYCLES sets the count (CI runs the default; the closing note reports 1,000).
/// </summary>
[Collection(AloneInProcess.Name)]
public sealed class LeakTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly SshdFixture _sshd = SshdFixture.Create(new SshdOptions());

    public Task InitializeAsync() => _sshd.InitializeAsync();

    public Task DisposeAsync() => _sshd.DisposeAsync();

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task OpenExecClose_ManyCycles_LeavesNothingBehind(string transport)
    {
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("SSHMCP_LEAK_CYCLES"), CultureInfo.InvariantCulture, out var n) ? n : 40;
        await using var server = await McpServerHarness.StartAsync();
        var registry = server.Services.GetRequiredService<SessionRegistry>();
        var shells = new List<int>(cycles);

        // Warm up (JIT, pools) before the baseline, then measure.
        await CycleAsync(server, shells, transport);
        var memoryBefore = SettledMemory();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cycles; i++)
        {
            await CycleAsync(server, shells, transport);
        }

        var elapsed = clock.Elapsed;
        var memoryAfter = SettledMemory();
        var processes = await _sshd.ListUserProcessesAsync(default);
        var leftShells = processes.Where(p => shells.Contains(p.Pid)).ToList();
        var connections = SocketOwners.WithEstablishedLocalPort(_sshd.Port).Count;
        output.WriteLine($"{transport}: {cycles} cycles in {elapsed.TotalSeconds:0.0} s ({elapsed.TotalMilliseconds / cycles:0.0} ms each); managed heap {memoryBefore / 1024} KiB -> {memoryAfter / 1024} KiB; processes left {leftShells.Count}; connections left {connections}; open/exec/close total {string.Join(" / ", _phases.Select(p => p.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)))} s");

        Assert.Empty(leftShells);
        Assert.DoesNotContain(processes, p => p.Args == "sleep 7777");
        Assert.Equal(0, registry.Count);
        Assert.Equal(0, connections);
        Assert.True(memoryAfter - memoryBefore < 8 * 1024 * 1024, $"managed memory grew by {(memoryAfter - memoryBefore) / 1024} KiB over {cycles} cycles");
    }

    private readonly TimeSpan[] _phases = new TimeSpan[3];

    private async Task CycleAsync(McpServerHarness server, List<int> shells, string transport)
    {
        var clock = Stopwatch.StartNew();
        var session = (await server.OpenAsync(_sshd, transport)).SessionId;
        _phases[0] += clock.Elapsed;
        clock.Restart();
        var exec = await server.ExecAsync(session, "sleep 7777 >/dev/null 2>&1 & echo $$");
        shells.Add(int.Parse(exec.Stdout.Trim(), CultureInfo.InvariantCulture));
        _phases[1] += clock.Elapsed;
        clock.Restart();
        Assert.True((await server.CloseAsync(session)).Closed);
        _phases[2] += clock.Elapsed;
        server.Logs.Clear();
    }

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
