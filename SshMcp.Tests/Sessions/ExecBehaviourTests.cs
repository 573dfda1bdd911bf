using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

/// <summary>What a command returns, exactly, against a real sshd: one fresh server and session per test.</summary>
[Collection(SshdCollection.Name)]
public sealed class ExecBehaviourTests(SshdFixture sshd) : SessionTestBase(sshd)
{
    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_Echo_ReturnsExactStdoutAndZeroExit(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "echo hello");

        Assert.Equal("hello\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.False(result.ShellEnded);
        Assert.Equal(6, result.StdoutBytes);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_BothStreams_ReturnedSeparately(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "echo out1; echo err1 >&2; echo out2; echo err2 >&2");

        Assert.Equal("out1\nout2\n", result.Stdout);
        Assert.Equal("err1\nerr2\n", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_NonZeroExit_IsDataNotAnError(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "echo partial; exit_code_test() { return 42; }; exit_code_test");

        Assert.Equal(42, result.ExitCode);
        Assert.Equal("partial\n", result.Stdout);
        Assert.False(result.ShellEnded);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_AfterCd_RunsInNewDirectory(string transport)
    {
        var session = await OpenAsync(transport);
        var cd = await Server.ExecAsync(session, "cd /tmp");
        var pwd = await Server.ExecAsync(session, "pwd");

        Assert.Equal("/tmp", cd.Cwd);
        Assert.Equal("/tmp\n", pwd.Stdout);
        Assert.Equal("/tmp", pwd.Cwd);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_ExportedVariableAndFunction_PersistToLaterCalls(string transport)
    {
        var session = await OpenAsync(transport);
        await Server.ExecAsync(session, "export SSHMCP_TEST_VAR='a b'; greet() { echo \"hi $1\"; }");

        var result = await Server.ExecAsync(session, "echo \"$SSHMCP_TEST_VAR\"; greet you; sh -c 'echo child:$SSHMCP_TEST_VAR'");

        Assert.Equal("a b\nhi you\nchild:a b\n", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_AliasDefined_ExpandsInLaterCalls(string transport)
    {
        var session = await OpenAsync(transport);
        await Server.ExecAsync(session, "alias sayhi='echo alias-works'");

        var result = await Server.ExecAsync(session, "sayhi");

        Assert.Equal("alias-works\n", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_PreviousExitStatus_ReadsAsDollarQuestion(string transport)
    {
        var session = await OpenAsync(transport);
        await Server.ExecAsync(session, "false");

        var result = await Server.ExecAsync(session, "echo $?");

        Assert.Equal("1\n", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_OutputWithoutFinalNewline_ReturnedExactly(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "printf 'no newline'; printf 'err no newline' >&2");

        Assert.Equal("no newline", result.Stdout);
        Assert.Equal("err no newline", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_TrailingComment_IsIgnoredByTheShell(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "echo kept # echo dropped; exit 9");

        Assert.Equal("kept\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_UnbalancedQuote_ReportsSyntaxErrorAndTheSessionGoesOn(string transport)
    {
        var session = await OpenAsync(transport);
        var broken = await Server.ExecAsync(session, "echo \"unbalanced");
        var next = await Server.ExecAsync(session, "echo fine");

        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("unexpected EOF", broken.Stderr, StringComparison.Ordinal);
        Assert.Equal("", broken.Stdout);
        Assert.Equal("fine\n", next.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_SingleQuotesAndSpecialCharacters_ArriveUnchanged(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "printf '%s\\n' 'it'\\''s' \"$((6*7))\" '`not run`' '$HOME' \"tab\there\"");

        Assert.Equal("it's\n42\n`not run`\n$HOME\ntab\there\n", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_HereDoc_FeedsItsText(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "cat <<'EOF'\nline one\n$NOT_EXPANDED\nEOF\necho after");

        Assert.Equal("line one\n$NOT_EXPANDED\nafter\n", result.Stdout);
    }

    public static TheoryData<string, string> StdinReaders => TransportNames.Each("cat", "read x; echo \"got=[$x]\"", "head -c 10");

    [Theory]
    [MemberData(nameof(StdinReaders))]
    public async Task Exec_CommandReadingStdin_GetsEmptyInputAndReturns(string command, string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, command, timeoutMs: 10_000);
        var next = await Server.ExecAsync(session, "echo next");

        Assert.False(result.TimedOut);
        Assert.DoesNotContain("__sm_", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("next\n", next.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_ReadFromStdin_SeesEndOfInput(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "read x; echo \"rc=$? got=[$x]\"");

        Assert.Equal("rc=1 got=[]\n", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_TextLookingLikeMarkers_IsPlainOutput(string transport)
    {
        var session = await OpenAsync(transport);
        // Record separators, braces and a trailer shape, as an attacker or a binary file might print them.
        const string command = "printf '\\036deadbeefdeadbeef}0;/etc\\036deadbeefdeadbeef.\\036x{\\036x[ __sm_e 0\\n'; printf '\\036cafe]' >&2";

        var result = await Server.ExecAsync(session, command);

        Assert.Equal("\u001edeadbeefdeadbeef}0;/etc\u001edeadbeefdeadbeef.\u001ex{\u001ex[ __sm_e 0\n", result.Stdout);
        Assert.Equal("\u001ecafe]", result.Stderr);
        Assert.NotEqual("/etc", result.Cwd);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_HundredKilobyteCommand_RunsExactly(string transport)
    {
        var session = await OpenAsync(transport);
        var payload = new string('x', 100_000);

        var result = await Server.ExecAsync(session, $"printf %s '{payload}' | wc -c");

        Assert.Equal("100000", result.Stdout.Trim());
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_FiveMegabytes_KeepsHeadAndTailAndCountsEveryByte(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "yes 0123456789abcdef | head -c 5000000; echo END");

        Assert.True(result.Truncated);
        Assert.Equal(5_000_004, result.StdoutBytes);
        Assert.Equal(5_000_004 - 32 * 1024, result.StdoutOmittedBytes);
        Assert.StartsWith("0123456789abcdef\n0123456789abcdef\n", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("END\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"[... {result.StdoutOmittedBytes} bytes omitted ...]", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_Utf8Output_ArrivesWhole(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "printf 'h\\303\\251llo \\342\\202\\254 \\360\\237\\230\\200\\n'");

        Assert.Equal("héllo € 😀\n", result.Stdout);
        Assert.Null(result.Notice);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_BinaryOutput_CountedAndFlagged(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "printf '\\000\\377\\376abc'");

        Assert.Equal(6, result.StdoutBytes);
        Assert.Contains("base64", result.Notice, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_RedirectedOutputForGood_MarkersStillArrive(string transport)
    {
        var session = await OpenAsync(transport);
        var redirect = await Server.ExecAsync(session, "exec 2>&1; echo to-stderr >&2");
        var next = await Server.ExecAsync(session, "echo after");

        Assert.Equal("to-stderr\n", redirect.Stdout);
        Assert.Equal("", redirect.Stderr);
        Assert.Equal("after\n", next.Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_Exit3_ReportsStatusAndThatTheShellEnded(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "echo bye; exit 3");
        var after = await Server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "echo x" });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("bye\n", result.Stdout);
        Assert.True(result.ShellEnded);
        Assert.Contains("shell ended", result.Notice, StringComparison.Ordinal);
        Assert.Contains("ssh_open", after, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_SetE_FailingCommandEndsTheShellWithAClearResult(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "set -e; echo before; false; echo not-reached");

        Assert.Equal("before\n", result.Stdout);
        Assert.Equal(1, result.ExitCode);
        Assert.True(result.ShellEnded);
        Assert.NotNull(result.Notice);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_ExecReplacingTheShell_ReportsItEnded(string transport)
    {
        var session = await OpenAsync(transport);
        var result = await Server.ExecAsync(session, "exec echo replaced");

        Assert.Equal("replaced\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
        Assert.True(result.ShellEnded);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_ShellKilledBySignal_SaysWhichSignalAndThatTheShellEnded(string transport)
    {
        var session = await OpenAsync(transport);

        var result = await Server.ExecAsync(session, "echo before; kill -9 $$");

        Assert.Equal("before\n", result.Stdout);
        Assert.Equal(137, result.ExitCode);
        Assert.True(result.ShellEnded);
        Assert.Contains("killed by signal KILL", result.Notice, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_Exit255_IsTheShellsStatusNotALostConnection(string transport)
    {
        // ssh exits 255 for its own errors too; on openssh the shell runs on the master's channel, so only the wrapper's
        // last word tells them apart. Output that looks like that word, with another status, stays output.
        var session = await OpenAsync(transport);
        var other = await OpenAsync(transport);

        var result = await Server.ExecAsync(session, "printf 'a\\036'; exit 255");
        var lookalike = await Server.ExecAsync(other, "printf '\\036\\036exit 255\\036\\036'; exit 3");

        Assert.Equal(("a\u001e", 255, true), (result.Stdout, result.ExitCode, result.ShellEnded));
        Assert.Contains("exit status 255", result.Notice, StringComparison.Ordinal);
        Assert.Equal(("\u001e\u001eexit 255\u001e\u001e", 3, true), (lookalike.Stdout, lookalike.ExitCode, lookalike.ShellEnded));
    }
}
