using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Config;

namespace SshMcp.Tests.Ssh.Config;

/// <summary>A bad config or request fails on both resolvers, as a config error the agent can act on.</summary>
public sealed class ConfigErrorTests
{
    [Theory]
    [InlineData("Host web\n  Bogus yes\n", 2, "Bad configuration option: bogus")]
    [InlineData("Host web\n  Port abc\n", 2, "Bad port 'abc'")]
    [InlineData("Host web\n  Port 0\n", 2, "Bad port '0'")]
    [InlineData("User\n", 1, "no argument after keyword \"user\"")]
    [InlineData("User \"deploy\n", 1, "invalid quotes")]
    [InlineData("User deploy extra\n", 1, "extra arguments at end of line")]
    [InlineData("Match colour blue\n", 1, "Unsupported Match attribute colour")]
    [InlineData("Match host\n", 1, "Missing Match criteria for host")]
    [InlineData("Match all host web\n", 1, "cannot be combined")]
    [InlineData("ProxyJump a:notaport\n", 1, "Invalid ProxyJump")]
    [InlineData("ConnectTimeout soon\n", 1, "invalid time value")]
    [InlineData("ServerAliveCountMax many\n", 1, "integer value invalid")]
    [InlineData("SendEnv A=b\n", 1, "Invalid environment name")]
    [InlineData("SetEnv A\n", 1, "Invalid SetEnv")]
    [InlineData("UserKnownHostsFile none /tmp/x\n", 1, "must appear alone")]
    [InlineData("IdentitiesOnly maybe\n", 1, "unsupported option \"maybe\"")]
    [InlineData("StrictHostKeyChecking sometimes\n", 1, "unsupported option \"sometimes\"")]
    [InlineData("IdentityAgent ${SSHMCP_CONFIG_TEST_UNSET}/agent\n", 1, "Invalid environment expansion")]
    [InlineData("Host other\n  Port nope\n", 2, "Bad port 'nope'")]
    [InlineData("Host web\n  HostName %x.example.com\n", 2, "unknown key %x")]
    public async Task Resolve_BadLine_BothFailAndBuiltinNamesFileAndLine(string config, int line, string reason)
    {
        using var workspace = new ConfigWorkspace().WithConfig(config);
        var request = new ResolveRequest("web");

        var fromSsh = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Ssh().ResolveAsync(request, CancellationToken.None));
        var fromBuiltin = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Builtin().ResolveAsync(request, CancellationToken.None));

        Assert.Equal((SshFailureKind.ConfigInvalid, SshFailureKind.ConfigInvalid), (fromSsh.Kind, fromBuiltin.Kind));
        Assert.StartsWith("ssh -G could not resolve 'web': ", fromSsh.Message, StringComparison.Ordinal);
        Assert.Contains($"{workspace.ConfigPath} line {line}: ", fromBuiltin.Message, StringComparison.Ordinal);
        Assert.Contains(reason, fromBuiltin.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_ExplicitFileMissing_BothFailNamingTheFile()
    {
        using var workspace = new ConfigWorkspace();

        var fromSsh = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Ssh().ResolveAsync(new("web"), CancellationToken.None));
        var fromBuiltin = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Builtin().ResolveAsync(new("web"), CancellationToken.None));

        Assert.Contains($"Can't open user config file {workspace.ConfigPath}", fromSsh.Message, StringComparison.Ordinal);
        Assert.Contains($"Can't open user config file {workspace.ConfigPath}: No such file or directory", fromBuiltin.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_ProxyJumpToItself_BothRefuseTheLoop()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Host web\n  ProxyJump web\n");

        var fromSsh = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Ssh().ResolveAsync(new("web"), CancellationToken.None));
        var fromBuiltin = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Builtin().ResolveAsync(new("web"), CancellationToken.None));

        Assert.Contains("jumphost loop via web", fromSsh.Message, StringComparison.Ordinal);
        Assert.Contains("jumphost loop via web", fromBuiltin.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a;b", null)]
    [InlineData("-oProxyCommand=x", null)]
    [InlineData("user@host", null)]
    [InlineData("ssh://host", null)]
    [InlineData("host name", null)]
    [InlineData("web", "bad user")]
    [InlineData("web", "-l")]
    [InlineData("web", "a$(id)")]
    public async Task Resolve_UnsafeHostOrUser_BothRefuseBeforeReadingAnything(string alias, string? user)
    {
        using var workspace = new ConfigWorkspace();
        var request = new ResolveRequest(alias, user);

        var fromSsh = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Ssh().ResolveAsync(request, CancellationToken.None));
        var fromBuiltin = await Assert.ThrowsAsync<SshFailureException>(() => workspace.Builtin().ResolveAsync(request, CancellationToken.None));

        Assert.Equal((SshFailureKind.InvalidArgument, SshFailureKind.InvalidArgument), (fromSsh.Kind, fromBuiltin.Kind));
    }
}
