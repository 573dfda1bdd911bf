using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

/// <summary>What a command returns, exactly, against a real sshd: one fresh server and session per test.</summary>
[Collection(SshdCollection.Name)]
public sealed class ExecBehaviourTests(SshdFixture sshd) : SessionTestBase(sshd)
{
    [Fact]
    public async Task Exec_Echo_ReturnsExactStdoutAndZeroExit()
    {
        var result = await Server.ExecAsync(Session, "echo hello");

        Assert.Equal("hello\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.False(result.ShellEnded);
        Assert.Equal(6, result.StdoutBytes);
    }

    [Fact]
    public async Task Exec_BothStreams_ReturnedSeparately()
    {
        var result = await Server.ExecAsync(Session, "echo out1; echo err1 >&2; echo out2; echo err2 >&2");

        Assert.Equal("out1\nout2\n", result.Stdout);
        Assert.Equal("err1\nerr2\n", result.Stderr);
    }

    [Fact]
    public async Task Exec_NonZeroExit_IsDataNotAnError()
    {
        var result = await Server.ExecAsync(Session, "echo partial; exit_code_test() { return 42; }; exit_code_test");

        Assert.Equal(42, result.ExitCode);
        Assert.Equal("partial\n", result.Stdout);
        Assert.False(result.ShellEnded);
    }

    [Fact]
    public async Task Exec_AfterCd_RunsInNewDirectory()
    {
        var cd = await Server.ExecAsync(Session, "cd /tmp");
        var pwd = await Server.ExecAsync(Session, "pwd");

        Assert.Equal("/tmp", cd.Cwd);
        Assert.Equal("/tmp\n", pwd.Stdout);
        Assert.Equal("/tmp", pwd.Cwd);
    }

    [Fact]
    public async Task Exec_ExportedVariableAndFunction_PersistToLaterCalls()
    {
        await Server.ExecAsync(Session, "export SSHMCP_TEST_VAR='a b'; greet() { echo \"hi $1\"; }");

        var result = await Server.ExecAsync(Session, "echo \"$SSHMCP_TEST_VAR\"; greet you; sh -c 'echo child:$SSHMCP_TEST_VAR'");

        Assert.Equal("a b\nhi you\nchild:a b\n", result.Stdout);
    }

    [Fact]
    public async Task Exec_AliasDefined_ExpandsInLaterCalls()
    {
        await Server.ExecAsync(Session, "alias sayhi='echo alias-works'");

        var result = await Server.ExecAsync(Session, "sayhi");

        Assert.Equal("alias-works\n", result.Stdout);
    }

    [Fact]
    public async Task Exec_PreviousExitStatus_ReadsAsDollarQuestion()
    {
        await Server.ExecAsync(Session, "false");

        var result = await Server.ExecAsync(Session, "echo $?");

        Assert.Equal("1\n", result.Stdout);
    }

    [Fact]
    public async Task Exec_OutputWithoutFinalNewline_ReturnedExactly()
    {
        var result = await Server.ExecAsync(Session, "printf 'no newline'; printf 'err no newline' >&2");

        Assert.Equal("no newline", result.Stdout);
        Assert.Equal("err no newline", result.Stderr);
    }

    [Fact]
    public async Task Exec_TrailingComment_IsIgnoredByTheShell()
    {
        var result = await Server.ExecAsync(Session, "echo kept # echo dropped; exit 9");

        Assert.Equal("kept\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Exec_UnbalancedQuote_ReportsSyntaxErrorAndTheSessionGoesOn()
    {
        var broken = await Server.ExecAsync(Session, "echo \"unbalanced");
        var next = await Server.ExecAsync(Session, "echo fine");

        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("unexpected EOF", broken.Stderr, StringComparison.Ordinal);
        Assert.Equal("", broken.Stdout);
        Assert.Equal("fine\n", next.Stdout);
    }

    [Fact]
    public async Task Exec_SingleQuotesAndSpecialCharacters_ArriveUnchanged()
    {
        var result = await Server.ExecAsync(Session, "printf '%s\\n' 'it'\\''s' \"$((6*7))\" '`not run`' '$HOME' \"tab\there\"");

        Assert.Equal("it's\n42\n`not run`\n$HOME\ntab\there\n", result.Stdout);
    }

    [Fact]
    public async Task Exec_HereDoc_FeedsItsText()
    {
        var result = await Server.ExecAsync(Session, "cat <<'EOF'\nline one\n$NOT_EXPANDED\nEOF\necho after");

        Assert.Equal("line one\n$NOT_EXPANDED\nafter\n", result.Stdout);
    }

    [Theory]
    [InlineData("cat")]
    [InlineData("read x; echo \"got=[$x]\"")]
    [InlineData("head -c 10")]
    public async Task Exec_CommandReadingStdin_GetsEmptyInputAndReturns(string command)
    {
        var result = await Server.ExecAsync(Session, command, timeoutMs: 10_000);
        var next = await Server.ExecAsync(Session, "echo next");

        Assert.False(result.TimedOut);
        Assert.DoesNotContain("__sm_", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("next\n", next.Stdout);
    }

    [Fact]
    public async Task Exec_ReadFromStdin_SeesEndOfInput()
    {
        var result = await Server.ExecAsync(Session, "read x; echo \"rc=$? got=[$x]\"");

        Assert.Equal("rc=1 got=[]\n", result.Stdout);
    }

    [Fact]
    public async Task Exec_TextLookingLikeMarkers_IsPlainOutput()
    {
        // Record separators, braces and a trailer shape, as an attacker or a binary file might print them.
        const string command = "printf '\\036deadbeefdeadbeef}0;/etc\\036deadbeefdeadbeef.\\036x{\\036x[ __sm_e 0\\n'; printf '\\036cafe]' >&2";

        var result = await Server.ExecAsync(Session, command);

        Assert.Equal("\u001edeadbeefdeadbeef}0;/etc\u001edeadbeefdeadbeef.\u001ex{\u001ex[ __sm_e 0\n", result.Stdout);
        Assert.Equal("\u001ecafe]", result.Stderr);
        Assert.NotEqual("/etc", result.Cwd);
    }

    [Fact]
    public async Task Exec_HundredKilobyteCommand_RunsExactly()
    {
        var payload = new string('x', 100_000);

        var result = await Server.ExecAsync(Session, $"printf %s '{payload}' | wc -c");

        Assert.Equal("100000", result.Stdout.Trim());
    }

    [Fact]
    public async Task Exec_FiveMegabytes_KeepsHeadAndTailAndCountsEveryByte()
    {
        var result = await Server.ExecAsync(Session, "yes 0123456789abcdef | head -c 5000000; echo END");

        Assert.True(result.Truncated);
        Assert.Equal(5_000_004, result.StdoutBytes);
        Assert.Equal(5_000_004 - 32 * 1024, result.StdoutOmittedBytes);
        Assert.StartsWith("0123456789abcdef\n0123456789abcdef\n", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("END\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"[... {result.StdoutOmittedBytes} bytes omitted ...]", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_Utf8Output_ArrivesWhole()
    {
        var result = await Server.ExecAsync(Session, "printf 'h\\303\\251llo \\342\\202\\254 \\360\\237\\230\\200\\n'");

        Assert.Equal("héllo € 😀\n", result.Stdout);
        Assert.Null(result.Notice);
    }

    [Fact]
    public async Task Exec_BinaryOutput_CountedAndFlagged()
    {
        var result = await Server.ExecAsync(Session, "printf '\\000\\377\\376abc'");

        Assert.Equal(6, result.StdoutBytes);
        Assert.Contains("base64", result.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_RedirectedOutputForGood_MarkersStillArrive()
    {
        var redirect = await Server.ExecAsync(Session, "exec 2>&1; echo to-stderr >&2");
        var next = await Server.ExecAsync(Session, "echo after");

        Assert.Equal("to-stderr\n", redirect.Stdout);
        Assert.Equal("", redirect.Stderr);
        Assert.Equal("after\n", next.Stdout);
    }

    [Fact]
    public async Task Exec_Exit3_ReportsStatusAndThatTheShellEnded()
    {
        var result = await Server.ExecAsync(Session, "echo bye; exit 3");
        var after = await Server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = Session, ["command"] = "echo x" });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("bye\n", result.Stdout);
        Assert.True(result.ShellEnded);
        Assert.Contains("shell ended", result.Notice, StringComparison.Ordinal);
        Assert.Contains("ssh_open", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_SetE_FailingCommandEndsTheShellWithAClearResult()
    {
        var result = await Server.ExecAsync(Session, "set -e; echo before; false; echo not-reached");

        Assert.Equal("before\n", result.Stdout);
        Assert.Equal(1, result.ExitCode);
        Assert.True(result.ShellEnded);
        Assert.NotNull(result.Notice);
    }

    [Fact]
    public async Task Exec_ExecReplacingTheShell_ReportsItEnded()
    {
        var result = await Server.ExecAsync(Session, "exec echo replaced");

        Assert.Equal("replaced\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
        Assert.True(result.ShellEnded);
    }
}
