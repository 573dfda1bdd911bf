using Microsoft.Extensions.Options;
using SshMcp.Server.Files;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh;

namespace SshMcp.Tests.Files;

/// <summary>localPath stays inside the root, whatever links and .. it holds; the root itself may be reached through a link.</summary>
public sealed class LocalFilesTests : IDisposable
{
    private readonly string _outside = Directory.CreateTempSubdirectory("sshmcp-outside-").FullName;
    private readonly string _root = Directory.CreateTempSubdirectory("sshmcp-root-").FullName;

    public LocalFilesTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        File.WriteAllText(Path.Combine(_root, "sub", "in.txt"), "in");
        File.WriteAllText(Path.Combine(_outside, "out.txt"), "out");
        File.CreateSymbolicLink(Path.Combine(_root, "to-outside"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "to-sub"), Path.Combine(_root, "sub"));
        File.CreateSymbolicLink(Path.Combine(_root, "sub", "up"), "..");
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Theory]
    [InlineData("sub/in.txt")]
    [InlineData("to-sub/in.txt")]
    [InlineData("sub/up/sub/in.txt")]
    [InlineData("sub/../sub/in.txt")]
    public void ResolveSource_InsideTheRoot_GivesTheCanonicalFile(string localPath) =>
        Assert.Equal(Path.Combine(_root, "sub", "in.txt"), Files(_root).ResolveSource(localPath));

    [Theory]
    [InlineData("../x.txt")]
    [InlineData("to-outside/out.txt")]
    [InlineData("to-sub/../../x.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/up/../x")]
    public void Resolve_OutsideTheRoot_IsRefused(string localPath)
    {
        var error = Assert.Throws<SshFailureException>(() => Files(_root).ResolveDestination(localPath));

        Assert.Contains($"localPath {localPath} is outside the directory this server may use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RootGivenThroughALink_StillConfines()
    {
        var link = Path.Combine(_outside, "root-link");
        File.CreateSymbolicLink(link, _root);

        Assert.Equal(Path.Combine(_root, "sub", "in.txt"), Files(link).ResolveSource("sub/in.txt"));
        Assert.Throws<SshFailureException>(() => Files(link).ResolveSource(Path.Combine(_outside, "out.txt")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("none")]
    public void Resolve_NoRoot_SaysLocalPathIsOff(string? root)
    {
        var error = Assert.Throws<SshFailureException>(() => Files(root).ResolveSource("a"));

        Assert.Contains("SshMcp:Files:LocalRoot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingFileOrDirectory_SaysWhich()
    {
        Assert.Contains("No local file", Assert.Throws<SshFailureException>(() => Files(_root).ResolveSource("sub/none.txt")).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<SshFailureException>(() => Files(_root).ResolveDestination("none/x.txt")).Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", Assert.Throws<SshFailureException>(() => Files(_root).ResolveDestination("sub")).Message, StringComparison.Ordinal);
    }

    private static LocalFiles Files(string? root) =>
        new(Options.Create(new SshMcpOptions { Files = new FilesOptions { LocalRoot = root } }));
}
