using System.Text;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

public class CommandFrameTests
{
    [Theory]
    [InlineData("echo 'single' \"double\" `back` $HOME \\ # comment")]
    [InlineData("cat <<'EOF'\nline\nEOF")]
    [InlineData("echo \"unbalanced")]
    [InlineData("'")]
    [InlineData("''''")]
    public void Quote_AnyText_RoundTripsThroughARealShell(string text)
    {
        var quoted = ShellQuoting.Quote(text);

        var output = RunSh("printf %s " + quoted);

        Assert.Equal(text, output);
    }

    [Fact]
    public void Build_NeverContainsAMarkerOrTheControlByte()
    {
        var markers = FrameMarkers.CreateRandom();

        var frame = CommandFrame.Build("echo hi", markers, ShellFlavor.Posix, 7, 3);

        Assert.DoesNotContain('\u001e', frame);
        Assert.DoesNotContain(Encoding.ASCII.GetString(markers.StdoutEnd), frame, StringComparison.Ordinal);
        Assert.StartsWith($"__sm_b {markers.Nonce} 7 3;command eval 'echo hi' </dev/null;__sm_e $?", frame, StringComparison.Ordinal);
        Assert.EndsWith("\n", frame, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Zsh_UsesPlainEval()
    {
        var frame = CommandFrame.Build("true", FrameMarkers.CreateRandom(), ShellFlavor.Zsh, 1, 0);

        Assert.Contains(";eval 'true'", frame, StringComparison.Ordinal);
        Assert.DoesNotContain("command eval", frame, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRandom_TwoCalls_DifferentNonces()
    {
        Assert.NotEqual(FrameMarkers.CreateRandom().Nonce, FrameMarkers.CreateRandom().Nonce);
    }

    [Theory]
    [InlineData("0;/tmp", 0, "/tmp")]
    [InlineData("127;/a;b c", 127, "/a;b c")]
    [InlineData("1;/with\nnewline", 1, "/with\nnewline")]
    public void TryParse_ValidTrailer_ReturnsExitCodeAndCwd(string text, int code, string cwd)
    {
        Assert.True(Trailer.TryParse(text, out var trailer));
        Assert.Equal(code, trailer.ExitCode);
        Assert.Equal(cwd, trailer.Cwd);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(";/tmp")]
    [InlineData("x;/tmp")]
    public void TryParse_Garbage_ReturnsFalse(string? text)
    {
        Assert.False(Trailer.TryParse(text, out _));
    }

    private static string RunSh(string script)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", script])
        {
            RedirectStandardOutput = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(10_000), "sh did not finish");
        return output;
    }
}
