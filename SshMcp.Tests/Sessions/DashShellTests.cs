using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

/// <summary>
/// Hosts whose login shell is a plain POSIX sh (dash here; busybox ash on Alpine behaves alike): the frame must not
/// rely on bash, and a syntax error must not end the shell (POSIX makes eval's errors fatal; `command eval` is not).
/// </summary>
public sealed class DashShellTests : IAsyncLifetime
{
    private readonly SshdFixture _sshd = SshdFixture.Create(new SshdOptions { LoginShell = "/bin/dash" });
    private McpServerHarness _server = null!;
    private string _session = "";

    public async Task InitializeAsync()
    {
        await _sshd.InitializeAsync();
        _server = await McpServerHarness.StartAsync();
        _session = (await _server.OpenAsync(_sshd)).SessionId;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sshd.DisposeAsync();
    }

    [Fact]
    public async Task Exec_Dash_RunsTheLoginShellAndKeepsState()
    {
        var shell = await _server.ExecAsync(_session, "ps -o args= -p $$");
        await _server.ExecAsync(_session, "cd /tmp && export DASH_VAR=1 && f() { echo \"f:$1\"; }");
        var state = await _server.ExecAsync(_session, "echo $PWD $DASH_VAR; f x");

        Assert.Equal("/bin/dash -l\n", shell.Stdout);
        Assert.Equal("/tmp 1\nf:x\n", state.Stdout);
    }

    [Fact]
    public async Task Exec_DashSyntaxError_ReportedAndTheShellGoesOn()
    {
        var broken = await _server.ExecAsync(_session, "echo \"unbalanced");
        var next = await _server.ExecAsync(_session, "echo fine; cat; echo $?");

        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("Unterminated quoted string", broken.Stderr, StringComparison.Ordinal);
        Assert.False(broken.ShellEnded);
        Assert.Equal("fine\n0\n", next.Stdout);
    }

    [Fact]
    public async Task Exec_DashTimeout_StopsAndKeepsTheSession()
    {
        var result = await _server.ExecAsync(_session, "sleep 64", timeoutMs: 500);

        Assert.True(result.TimedOut);
        Assert.Equal("stopped", result.Stop);
        Assert.Equal("ok\n", (await _server.ExecAsync(_session, "echo ok")).Stdout);
    }
}
