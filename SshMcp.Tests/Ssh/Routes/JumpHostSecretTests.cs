using SshMcp.Server.Tools;
using SshMcp.Tests.Elicitation;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh.Routes;

/// <summary>
/// The call's password is the target's, never a jump host's, on both transports: sshnet logs in to a jump host with
/// the jump host's own credentials only, and openssh, whose jump hosts' ssh asks through the same helper as the
/// master, answers only the master. A person is not asked for a jump host's password either.
/// </summary>
public sealed class JumpHostSecretTests(PasswordJumpFixture fixture) : IClassFixture<PasswordJumpFixture>
{
    private static readonly TimeSpan LogDeadline = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Transports => RouteTests.Transports;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_CallsPasswordAlsoOpensTheJumpHost_JumpHostNeverGetsIt(string transport)
    {
        await using var server = await StartAsync(transport);
        var logStart = fixture.Jump.SshdLog.Length;

        var error = await server.CallErrorAsync(ToolNames.Open, new Dictionary<string, object?> { ["host"] = "via-pw-jump", ["password"] = fixture.Target.Password });

        AssertJumpHostRefused(error);
        await AssertJumpHostTriedButNoPasswordAcceptedAsync(logStart);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_JumpHostWantsAPasswordAPersonCouldGive_NobodyIsAsked(string transport)
    {
        var person = new ScriptedPerson().Accept(fixture.Jump.Password).Accept(fixture.Target.Password);
        await using var server = await StartAsync(transport, person);
        var logStart = fixture.Jump.SshdLog.Length;

        var error = await server.CallErrorAsync(ToolNames.Open, RouteTests.Host("via-pw-jump"));

        AssertJumpHostRefused(error);
        Assert.Empty(person.Visits);
        await AssertJumpHostTriedButNoPasswordAcceptedAsync(logStart);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_PasswordWithoutJump_LogsIn(string transport)
    {
        await using var server = await StartAsync(transport);

        var open = await server.CallAsync<OpenResult>(ToolNames.Open, new Dictionary<string, object?> { ["host"] = "pw-direct", ["password"] = fixture.Target.Password });

        Assert.Equal(transport, open.Transport);
        Assert.Equal("ok\n", (await server.ExecAsync(open.SessionId, "echo ok")).Stdout);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_JumpHostByKeyTargetByPassword_PasswordReachesTheTarget(string transport)
    {
        await using var server = await StartAsync(transport);

        // The call's password makes the target's login password-only, so only the password can have opened it.
        var open = await server.CallAsync<OpenResult>(ToolNames.Open, new Dictionary<string, object?> { ["host"] = "via-key-jump", ["password"] = fixture.Target.Password });

        Assert.Equal("ok\n", (await server.ExecAsync(open.SessionId, "echo ok")).Stdout);
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(fixture.Target.SshdLog.Contains($"Accepted password for {fixture.Target.Username}", StringComparison.Ordinal)), LogDeadline, default), $"target log: {fixture.Target.SshdLog}");
    }

    private void AssertJumpHostRefused(string error)
    {
        var jump = $"{fixture.Jump.Username}@127.0.0.1:{fixture.Jump.Port}";
        Assert.Contains($"through jump host 'pw-jump' ({jump})", error, StringComparison.Ordinal);
        Assert.Contains($"Authentication failed for {jump}", error, StringComparison.Ordinal);
    }

    /// <summary>The jump host's log since <paramref name="logStart"/>: it closed the login unauthenticated, and no password opened it.</summary>
    /// <remarks>A class's tests run one at a time, so what the log gained meanwhile is this test's.</remarks>
    private async Task AssertJumpHostTriedButNoPasswordAcceptedAsync(int logStart)
    {
        // "Connection closed by" (ssh) or "Disconnected from" (SSH.NET) "authenticating user ...".
        var refused = $"authenticating user {fixture.Jump.Username} 127.0.0.1";
        Assert.True(await Poll.UntilAsync(_ => Task.FromResult(fixture.Jump.SshdLog[logStart..].Contains(refused, StringComparison.Ordinal)), LogDeadline, default), $"jump host log: {fixture.Jump.SshdLog}");
        Assert.DoesNotContain("Accepted password", fixture.Jump.SshdLog[logStart..], StringComparison.Ordinal);
    }

    private Task<McpServerHarness> StartAsync(string transport, ScriptedPerson? person = null)
    {
        var settings = RouteTests.Settings(transport);
        settings["SshMcp:SshConfigPath"] = fixture.ConfigPath;
        return McpServerHarness.StartAsync(settings, client: person is null ? null : options => person.Configure(options, ElicitedOpenTests.Mrtr));
    }
}
