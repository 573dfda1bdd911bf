using SshMcp.Tests.Infrastructure;
using SshMcp.Tests.Packaging;

namespace SshMcp.Tests.Cluster;

/// <summary>
/// Without <c>SshMcp:Cluster:Redis</c> no Orleans (nor Redis client) code is even loaded: checked in the built
/// server's own memory map (<c>/proc/PID/maps</c> lists every assembly file the runtime mapped) after real work.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class SingleProcessTests(SshdFixture sshd)
{
    [Fact]
    public async Task StdioServer_WithoutClusterSettings_LoadsNoOrleansAssembly()
    {
        var marker = Guid.NewGuid().ToString("N");
        await using var server = await StdioSession.StartAsync("dotnet", [BuildInfo.BuiltServerDll, "--stdio", $"--TestRun:Marker={marker}"]);
        var session = (await server.OpenAsync(sshd)).SessionId;
        Assert.Equal("hi\n", (await server.ExecAsync(session, "echo hi")).Stdout);
        await server.CloseAsync(session);

        var pid = ProcessWithArgument(marker);
        AssertNoClusterCode(pid);
    }

    [Fact]
    public async Task HttpServer_WithoutClusterSettings_LoadsNoOrleansAssembly()
    {
        var home = Directory.CreateTempSubdirectory("sshmcp-home-").FullName;
        try
        {
            await using var server = await ReplicaProcess.StartAsync("single", LoopbackPort.Free(), new Dictionary<string, string>
            {
                ["HOME"] = home,
                ["SshMcp__KeyDirectory"] = Path.Combine(home, ".ssh"),
                ["SshMcp__AgentSocket"] = "none",
            });
            var client = await server.ConnectAsync(token: null);
            var session = (await client.OpenAsync(sshd)).SessionId;
            Assert.Equal("hi\n", (await client.ExecAsync(session, "echo hi")).Stdout);
            Assert.Single((await client.ListAsync()).Sessions);
            await client.CloseAsync(session);

            AssertNoClusterCode(server.Pid);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task StdioServer_WithClusterSetting_RefusesToStartAndSaysWhy()
    {
        var result = await LocalCommand.RunAsync(
            "dotnet",
            [BuildInfo.BuiltServerDll, "--stdio"],
            default,
            environment: new Dictionary<string, string?> { ["SshMcp__Cluster__Redis"] = "127.0.0.1:1" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SshMcp:Cluster:Redis is set, but a cluster of replicas serves HTTP only", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    private static void AssertNoClusterCode(int pid)
    {
        var mapped = File.ReadAllLines($"/proc/{pid}/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last()).Distinct().ToList();
        Assert.Contains(mapped, f => f.EndsWith("/SshMcp.Server.dll", StringComparison.Ordinal));
        Assert.DoesNotContain(mapped, f => Path.GetFileName(f).StartsWith("Orleans.", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("StackExchange.Redis", StringComparison.Ordinal));
    }

    /// <summary>The process started with <paramref name="argument"/> on its command line (a marker unique to the test).</summary>
    private static int ProcessWithArgument(string argument)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(argument, StringComparison.Ordinal))
                    {
                        return pid;
                    }
                }
                catch (IOException)
                {
                    // It ended meanwhile.
                }
            }
        }

        throw new InvalidOperationException("The server process was not found.");
    }
}
