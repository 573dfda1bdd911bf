using SshMcp.Tests.Infrastructure;
using SshMcp.Tests.Runs;

namespace SshMcp.Tests.Packaging;

/// <summary>A background run outlives the MCP server process that started it: the next server process reads it.</summary>
[Collection(SshdCollection.Name)]
public sealed class ServerRestartTests(SshdFixture sshd)
{
    [Fact]
    public async Task Background_ServerProcessRestarted_NextServerReadsItsOutputAndExitCode()
    {
        string runId;
        await using (var before = await StdioSession.StartAsync(DotnetCli.Executable, [BuildInfo.BuiltServerDll, "--stdio"]))
        {
            var session = (await before.OpenAsync(sshd)).SessionId;
            runId = (await before.Client.ExecAsync(session, "echo from the first server; sleep 3; echo still here; exit 4", background: true)).RunId;
        }

        await using var after = await StdioSession.StartAsync(DotnetCli.Executable, [BuildInfo.BuiltServerDll, "--stdio"]);
        var next = (await after.OpenAsync(sshd)).SessionId;
        var end = await after.Client.WaitForEndAsync(next, runId);

        Assert.Equal(4, end.ExitCode);
        Assert.Equal("from the first server\nstill here\n", (await after.Client.OutputAsync(next, runId)).Text);
    }
}
