using SshMcp.Server.Files;

namespace SshMcp.Tests.Files;

public sealed class RemotePathsTests
{
    [Theory]
    [InlineData("/srv/app", "conf/a.yml", "/srv/app/conf/a.yml")]
    [InlineData("/", "etc/hosts", "/etc/hosts")]
    [InlineData("/srv/app", "/etc/hosts", "/etc/hosts")]
    [InlineData("/srv/app", "../b", "/srv/app/../b")]
    [InlineData("/srv/app", "~", ".")]
    [InlineData("/srv/app", "~/notes.txt", "notes.txt")]
    [InlineData("/srv/app", "~/", ".")]
    [InlineData("", "a.txt", "a.txt")]
    public void Resolve_PathAgainstCwd_IsWhatTheShellWouldOpen(string cwd, string path, string expected) =>
        Assert.Equal(expected, RemotePaths.Resolve(cwd, path));

    [Theory]
    [InlineData("/a/b/c", "/a/b", "c")]
    [InlineData("/c", "/", "c")]
    [InlineData("c", ".", "c")]
    [InlineData("/a/b/", "/a", "b")]
    public void DirectoryAndName_SplitAtTheLastSlash(string path, string directory, string name)
    {
        Assert.Equal(directory, RemotePaths.Directory(path));
        Assert.Equal(name, RemotePaths.Name(path));
    }

    [Fact]
    public void TempSibling_IsHiddenBesideTheTargetAndFreshEachTime()
    {
        var first = RemotePaths.TempSibling("/etc/app/config.yml");
        var second = RemotePaths.TempSibling("/etc/app/config.yml");

        Assert.Matches(@"^/etc/app/\.config\.yml\.sshmcp-[0-9a-f]{8}\.tmp$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void TempSibling_LongName_StaysWithinAFileNameLimit() =>
        Assert.True(RemotePaths.Name(RemotePaths.TempSibling("/d/" + new string('x', 255))).Length <= 255);
}
