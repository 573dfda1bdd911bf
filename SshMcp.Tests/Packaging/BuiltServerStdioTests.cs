using System.Text.Json;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Packaging;

/// <summary>
/// End to end over stdio with the built server (not packed): <c>dotnet SshMcp.Server.dll --stdio</c> from the test
/// output folder, started and driven by the real MCP client, against the test sshd.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class BuiltServerStdioTests(SshdFixture sshd)
{
    private static readonly TimeSpan LogBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stdio_BuiltServer_KeepsShellStateAcrossCalls()
    {
        await using var server = await StdioSession.StartAsync(DotnetCli.Executable, [BuildInfo.BuiltServerDll, "--stdio"]);

        var open = await server.OpenAsync(sshd);
        var cd = await server.ExecAsync(open.SessionId, "cd /tmp");
        var pwd = await server.ExecAsync(open.SessionId, "pwd");
        var export = await server.ExecAsync(open.SessionId, "export SSHMCP_E2E='over stdio'");
        var read = await server.ExecAsync(open.SessionId, "printf '%s\\n' \"$SSHMCP_E2E\"");
        var close = await server.CloseAsync(open.SessionId);

        Assert.Equal(sshd.Username, open.Username);
        Assert.Equal(sshd.HostKeyFingerprintSha256, open.HostKeyFingerprint);
        Assert.Equal((0, "/tmp"), (cd.ExitCode, cd.Cwd));
        Assert.Equal(("/tmp\n", 0, "/tmp"), (pwd.Stdout, pwd.ExitCode, pwd.Cwd));
        Assert.Equal((0, ""), (export.ExitCode, export.Stdout));
        Assert.Equal(("over stdio\n", "", 0), (read.Stdout, read.Stderr, read.ExitCode));
        Assert.False(read.TimedOut);
        Assert.Equal(open.SessionId, close.SessionId);
        Assert.True(close.Closed);
    }

    [Fact]
    public async Task Stdio_BuiltServer_WritesOnlyProtocolToStdoutAndLogsToStderr()
    {
        await using var server = await StdioSession.StartAsync(DotnetCli.Executable, [BuildInfo.BuiltServerDll, "--stdio"]);

        var open = await server.OpenAsync(sshd);
        await server.ExecAsync(open.SessionId, "echo to-stdout; echo to-stderr >&2");
        await server.CloseAsync(open.SessionId);
        var logged = await Poll.UntilAsync(
            _ => Task.FromResult(server.Stderr.ToString().Contains("info: ", StringComparison.Ordinal)), LogBound, CancellationToken.None);

        Assert.Empty(server.Stdout.Rejected);
        Assert.True(server.Stdout.Lines.Count >= 4, $"only {server.Stdout.Lines.Count} stdout lines were seen");
        Assert.All(server.Stdout.Lines, line =>
        {
            using var message = JsonDocument.Parse(line);
            Assert.Equal("2.0", message.RootElement.GetProperty("jsonrpc").GetString());
        });
        Assert.True(logged, $"no log line reached stderr within {LogBound.TotalSeconds} s; stderr was:\n{server.Stderr}");
        Assert.DoesNotContain(sshd.Password, server.Stderr.ToString(), StringComparison.Ordinal);
    }
}
