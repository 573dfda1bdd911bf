using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

/// <summary>
/// Hosts whose login shell is a plain POSIX sh (dash here): the frame must not rely on bash, and a syntax error must
/// not end the shell (POSIX makes eval's errors fatal; `command eval` is not).
/// </summary>
public sealed class DashShellTests(DashSshd sshd) : LoginShellTests<DashSshd>(sshd)
{
    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_DashSyntaxError_ReportedAndTheShellGoesOn(string transport)
    {
        var session = await OpenAsync(transport);
        var broken = await Server.ExecAsync(session, "echo \"unbalanced");
        var next = await Server.ExecAsync(session, "echo fine; cat; echo $?");

        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("Unterminated quoted string", broken.Stderr, StringComparison.Ordinal);
        Assert.False(broken.ShellEnded);
        Assert.Equal("fine\n0\n", next.Stdout);
    }
}
