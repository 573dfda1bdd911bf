using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

/// <summary>
/// The execution core over real SSH when the user's login shell is not bash: state carries over, exit codes are
/// exact, and a timeout stops the command while the session goes on. One sshd per shell, a fresh session per test.
/// </summary>
public abstract class LoginShellTests<TSshd>(TSshd sshd) : IClassFixture<TSshd>, IAsyncLifetime
    where TSshd : LoginShellSshd
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(10);

    protected McpServerHarness Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await McpServerHarness.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected async Task<string> OpenAsync(string transport) => (await Server.OpenAsync(sshd.Sshd, transport)).SessionId;

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_Session_RunsTheUsersShellAsALoginShell(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "ps -o args= -p $$");

        Assert.Equal($"{sshd.ShellPath} -l\n", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_AfterCd_NextCommandRunsInTheNewDirectory(string transport)
    {
        var session = await OpenAsync(transport);
        var cd = await Server.ExecAsync(session, "cd /tmp");
        var pwd = await Server.ExecAsync(session, "pwd");

        Assert.Equal("/tmp", cd.Cwd);
        Assert.Equal("/tmp\n", pwd.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_AfterExportAndFunction_NextCommandAndItsChildrenSeeThem(string transport)
    {
        var session = await OpenAsync(transport);
        await Server.ExecAsync(session, "export SM_KEPT=yes; f() { echo \"f:$1\"; }");
        var result = await Server.ExecAsync(session, "echo $SM_KEPT; f x; sh -c 'echo child:$SM_KEPT'");

        Assert.Equal("yes\nf:x\nchild:yes\n", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_ExitCodes_AreExactAndDollarQuestionCarriesOver(string transport)
    {
        var session = await OpenAsync(transport);
        var failed = await Server.ExecAsync(session, "(exit 3)");
        var previous = await Server.ExecAsync(session, "echo $?");
        var missing = await Server.ExecAsync(session, "sshmcp-no-such-command");

        Assert.Equal(3, failed.ExitCode);
        Assert.Equal("3\n", previous.Stdout);
        Assert.Equal(127, missing.ExitCode);
        Assert.False(missing.ShellEnded);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_Timeout_StopsTheCommandAndTheSessionGoesOn(string transport)
    {
        var session = await OpenAsync(transport);
        // A duration no other test uses: the test user's processes are shared by every sshd of the run.
        var sleep = $"sleep {Random.Shared.Next(1000, 9999)}";
        await Server.ExecAsync(session, "cd /tmp");

        var result = await Server.ExecAsync(session, sleep, timeoutMs: 500);
        var next = await Server.ExecAsync(session, "echo ok; pwd");

        Assert.True(result.TimedOut);
        Assert.Equal("stopped", result.Stop);
        Assert.False(result.ShellEnded);
        Assert.Equal("ok\n/tmp\n", next.Stdout);
        Assert.True(await sshd.Sshd.WaitForNoProcessAsync(p => p.Args == sleep, ProcessDeadline, default), $"{sleep} still runs on the host");
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_UnbalancedQuote_FailsAndTheShellGoesOn(string transport)
    {
        var session = await OpenAsync(transport);
        var broken = await Server.ExecAsync(session, "echo \"unbalanced");
        var next = await Server.ExecAsync(session, "echo fine");

        Assert.NotEqual(0, broken.ExitCode);
        Assert.NotEmpty(broken.Stderr);
        Assert.False(broken.ShellEnded);
        Assert.Equal("fine\n", next.Stdout);
    }
}
