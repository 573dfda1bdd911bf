using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Config;

namespace SshMcp.Tests.Ssh.Config;

/// <summary>What only the built-in parser does: the default files, its bounds, and what it refuses.</summary>
public sealed class BuiltinConfigResolverTests
{
    [Fact]
    public async Task Resolve_NoExplicitFile_ReadsUserConfigThenSystemConfig()
    {
        using var workspace = new ConfigWorkspace()
            .WithFile("home/.ssh/config", "Host web\n  User fromuser\n")
            .WithFile("etc/ssh_config", "Host web\n  User fromsystem\n  Port 2201\nInclude conf.d/*.conf\n")
            .WithFile("etc/conf.d/more.conf", "Host web\n  ConnectTimeout 9\n");

        var target = await workspace.Builtin(configPath: "", account: PrivateHome(workspace)).ResolveAsync(new("web"), CancellationToken.None);

        Assert.Equal(("fromuser", 2201, (TimeSpan?)TimeSpan.FromSeconds(9)), (target.User, target.Port, target.ConnectTimeout));
    }

    [Fact]
    public async Task Resolve_ConfigPathNone_ReadsNoFile()
    {
        using var workspace = new ConfigWorkspace().WithFile("home/.ssh/config", "User fromuser\n");

        var target = await workspace.Builtin(configPath: "none", account: PrivateHome(workspace)).ResolveAsync(new("web"), CancellationToken.None);

        Assert.Equal(SettingSource.Default, target.UserSource);
    }

    [Fact]
    public async Task Resolve_TildeIncludeInSystemFile_IsRefused()
    {
        using var workspace = new ConfigWorkspace().WithFile("etc/ssh_config", "Include ~/x.conf\n");

        var failure = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Builtin(configPath: "", account: PrivateHome(workspace)).ResolveAsync(new("web"), CancellationToken.None));

        Assert.Contains("line 1: bad include path ~/x.conf", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_FileIncludingItself_StopsAtTheDepthBound()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Include {root}/ssh_config\n");

        var failure = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Builtin().ResolveAsync(new("web"), CancellationToken.None));

        Assert.Contains("Too many recursive configuration includes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_FileLargerThanTheBound_IsRefused()
    {
        using var workspace = new ConfigWorkspace().WithConfig(new string('#', (int)ConfigReader.MaxFileBytes + 1));

        var failure = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Builtin().ResolveAsync(new("web"), CancellationToken.None));

        Assert.Contains("larger than 1024 KiB", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_IncludedFileOthersMayWrite_IsRefusedLikeSsh()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Include {root}/open.conf\n").WithFile("open.conf", "User x\n");
        File.SetUnixFileMode(Path.Join(workspace.Root, "open.conf"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite | UnixFileMode.OtherRead);

        var failure = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Builtin().ResolveAsync(new("web"), CancellationToken.None));

        Assert.Contains($"Bad owner or permissions on {workspace.Root}/open.conf", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_MatchExecReached_IsRefusedWithWhatToDo()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Match host web exec \"true\"\n  User x\n");

        var failure = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Builtin().ResolveAsync(new("web"), CancellationToken.None));

        Assert.Equal(SshFailureKind.ConfigInvalid, failure.Kind);
        Assert.Contains("line 1: Match exec is not supported without the ssh program", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_MatchExecAfterAFailedCriterion_IsSkippedAsSshSkipsIt()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Match host other exec \"false\"\n  User x\nHost web\n  User y\n");

        var target = await workspace.Builtin().ResolveAsync(new("web"), CancellationToken.None);

        Assert.Equal("y", target.User);
    }

    private static LocalAccount PrivateHome(ConfigWorkspace workspace) => workspace.Account with { Home = workspace.Home };
}
