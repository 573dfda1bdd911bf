using SshMcp.Server.Transports.OpenSsh;

namespace SshMcp.Tests.Transports.OpenSsh;

/// <summary>The parent the session's shell runs under, run by a local sh as sshd would run it (<c>$SHELL -c</c>).</summary>
public sealed class ExitWrapperTests
{
    [Theory]
    [InlineData("kill -9 $$", null, "KILL")]
    [InlineData("kill -TERM $$", null, "TERM")]
    [InlineData("exit 3", 3, null)]
    [InlineData("exit 255", 255, null)]
    [InlineData("echo 'it'\"'\"'s quoted'", 0, null)]
    public async Task Wrap_CommandEnds_ParentExitReadsAsStatusOrSignal(string command, int? status, string? signal)
    {
        var result = await LocalCommand.RunAsync("/bin/sh", ["-c", ExitWrapper.Wrap(command)], default);

        Assert.StartsWith(ExitWrapper.StartedMarker, result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal((status, signal), ExitWrapper.Read(result.ExitCode));
    }

    [Fact]
    public async Task Wrap_CommandWithQuotes_RunsExactly()
    {
        var result = await LocalCommand.RunAsync("/bin/sh", ["-c", ExitWrapper.Wrap("printf '%s|' \"a b\" 'c'\\''d'")], default);

        Assert.Equal(ExitWrapper.StartedMarker + "a b|c'd|", result.StandardOutput);
    }

    [Theory]
    [InlineData("/bin/bash", "shopt -q login_shell && echo login; echo $0; kill -9 $$", "login\n/bin/bash\n", null, "KILL")]
    [InlineData("/bin/sh", "echo $0; exit 3", "/bin/sh\n", 3, null)]
    [InlineData("/usr/bin/env", "echo $0; exit 4", "/bin/sh\n", 4, null)]
    public async Task WrapLoginShell_ShellsCommandsEnd_RunsTheLoginShellAsTheParentsChild(string shell, string commands, string printed, int? status, string? signal)
    {
        // A SHELL that does not speak sh (here env) gets /bin/sh.
        var result = await RunLoginShellAsync(shell, commands);

        Assert.Equal(ExitWrapper.StartedMarker + printed, result.StandardOutput);
        Assert.Equal((status, signal), ExitWrapper.Read(result.ExitCode));
    }

    [Theory]
    [InlineData("exit 255", 255, true)]
    [InlineData("exit 3", 3, false)]
    public async Task WrapLoginShell_Status255_IsSaidLastOnStdout(string commands, int status, bool said)
    {
        var result = await RunLoginShellAsync("/bin/sh", "echo out; " + commands);

        Assert.Equal(ExitWrapper.StartedMarker + "out\n" + (said ? ExitWrapper.Status255Marker : ""), result.StandardOutput);
        Assert.Equal(status, result.ExitCode);
    }

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(137, null, "KILL")]
    [InlineData(130, null, "INT")]
    [InlineData(140, 140, null)]
    public void Read_ExitCode_StatusOrPosixSignal(int exitCode, int? status, string? signal) =>
        Assert.Equal((status, signal), ExitWrapper.Read(exitCode));

    /// <summary>sshd's way: the user's shell runs the request with -c; <paramref name="commands"/> arrive on stdin. HOME is empty, so no profile of this machine's user runs.</summary>
    private static async Task<LocalCommandResult> RunLoginShellAsync(string shell, string commands)
    {
        var home = Directory.CreateTempSubdirectory("sshmcp-login-").FullName;
        try
        {
            return await LocalCommand.RunAsync("/bin/sh", ["-c", ExitWrapper.WrapLoginShell()], default, commands + "\n", new Dictionary<string, string?> { ["SHELL"] = shell, ["HOME"] = home });
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
