using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

public class ShellScriptsTests
{
    public static TheoryData<string> Scripts => new()
    {
        ShellScripts.Launcher, ShellScripts.LoginShell, ShellScripts.Setup("s1"), ShellScripts.Probe, ShellScripts.Stop,
        ShellScripts.SftpServer, ShellScripts.FileWrite, ShellScripts.FileStat, ShellScripts.FileRead,
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Scripts_AsSent_HoldNoCommentBlankLineOrCarriageReturn(string script)
    {
        var lines = script.TrimEnd('\n').Split('\n');

        Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith('#') || line.Trim().Length == 0);
        Assert.DoesNotContain('\r', script);
    }

    [Fact]
    public void Launcher_AndLoginShell_OneChoiceOfShellWithAndWithoutExec()
    {
        Assert.Equal("exec /bin/sh -c '" + ShellScripts.LoginShell.Replace("\"$SHELL\" -l", "exec \"$SHELL\" -l", StringComparison.Ordinal).Replace("/bin/sh -l", "exec /bin/sh -l", StringComparison.Ordinal) + "'", ShellScripts.Launcher);
        Assert.DoesNotContain("exec", ShellScripts.LoginShell, StringComparison.Ordinal);
        Assert.DoesNotContain('\'', ShellScripts.LoginShell);
    }

    [Fact]
    public void Setup_SessionId_OpensFdsFirstAndTagsWithTheId()
    {
        var setup = ShellScripts.Setup("s0123abcd");

        Assert.StartsWith("exec 8>&1 9>&2; __sm_s=s0123abcd\n", setup, StringComparison.Ordinal);
        Assert.Contains($"{ShellScripts.TagVariable}=$__sm_s.$2; export {ShellScripts.TagVariable};", setup, StringComparison.Ordinal);
        Assert.EndsWith("}\n", setup, StringComparison.Ordinal);
        Assert.Equal(3, setup.Count(c => c == '\n'));
    }

    [Theory]
    [InlineData("")]
    [InlineData("s1; rm -rf ~")]
    [InlineData("s1.2")]
    [InlineData("s$(id)")]
    public void Setup_IdThatIsNotAWord_Throws(string sessionId)
    {
        Assert.Throws<ArgumentException>(() => ShellScripts.Setup(sessionId));
    }

    [Theory]
    [InlineData(false, "s1.7", 5, "exec /bin/sh -s 4242 s1.7 run 5")]
    [InlineData(true, "s1.", 0, "exec /bin/sh -s 4242 s1. all 0")]
    public void StopCommandLine_Scope_NamesTheScriptsMode(bool wholeSession, string tag, int age, string expected)
    {
        var scope = wholeSession ? StopScope.Session : StopScope.Command;

        Assert.Equal(expected, ShellScripts.StopCommandLine(4242, tag, scope, age));
    }

    [Fact]
    public void StopCommandLine_TagWithShellSyntax_Throws()
    {
        Assert.Throws<ArgumentException>(() => ShellScripts.StopCommandLine(1, "s1.2 all", StopScope.Command, 0));
    }

    [Fact]
    public void Stop_LooksForTheTagVariable()
    {
        Assert.Contains($"\"{ShellScripts.TagVariable}=$T\"", ShellScripts.Stop, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4242 ", 4242, false)]
    [InlineData("4242", 4242, false)]
    [InlineData("77 zsh", 77, true)]
    public void ProbeTryParse_Reply_GivesPidAndFamily(string reply, int pid, bool zsh)
    {
        Assert.True(ShellProbe.TryParse(reply, out var probe));
        Assert.Equal(new ShellProbe(pid, zsh ? ShellFlavor.Zsh : ShellFlavor.Posix), probe);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("zsh")]
    [InlineData("0 zsh")]
    [InlineData("12 bash")]
    [InlineData("12 zsh extra")]
    [InlineData("Welcome!\n12")]
    public void ProbeTryParse_Garbage_ReturnsFalse(string? reply)
    {
        Assert.False(ShellProbe.TryParse(reply, out _));
    }
}
