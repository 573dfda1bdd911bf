using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Config;

namespace SshMcp.Tests.Ssh.Config;

public sealed class JumpChainTests
{
    private const string Chain = """
        Host target
          ProxyJump first,u2@second:2202
        Host first
          ProxyJump zero
          User u1
        Host second
          ProxyJump never
          ProxyCommand nc never %p
          User ignored
        Host zero
          HostName 10.0.0.9
        """;

    [Theory]
    [InlineData("ssh")]
    [InlineData("builtin")]
    public async Task Resolve_ChainWhoseFirstHopJumps_ListsJumpHostsInConnectOrder(string resolverName)
    {
        using var workspace = new ConfigWorkspace().WithConfig(Chain);

        var route = await JumpChain.ResolveAsync(Resolver(workspace, resolverName), new("target"), CancellationToken.None);

        Assert.Equal("target", route.Target.Alias);
        Assert.Equal(["10.0.0.9", "first", "second"], route.Jumps.Select(j => j.HostName));
        Assert.Equal(("u1", SettingSource.Config), (route.Jumps[1].User, route.Jumps[1].UserSource));
        Assert.Equal(("u2", SettingSource.Call, 2202, SettingSource.Call), (route.Jumps[2].User, route.Jumps[2].UserSource, route.Jumps[2].Port, route.Jumps[2].PortSource));
        Assert.Equal((0, (string?)null), (route.Jumps[2].ProxyJump.Count, route.Jumps[2].ProxyCommand));
    }

    [Theory]
    [InlineData("ssh")]
    [InlineData("builtin")]
    public async Task Resolve_ChainThatLoops_FailsNamingTheLoop(string resolverName)
    {
        using var workspace = new ConfigWorkspace().WithConfig("Host a\n  ProxyJump b\nHost b\n  ProxyJump c\nHost c\n  ProxyJump a\n");

        var failure = await Assert.ThrowsAsync<SshFailureException>(() => JumpChain.ResolveAsync(Resolver(workspace, resolverName), new("a"), CancellationToken.None));

        Assert.Contains("loops: a -> b -> c -> a", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssh")]
    [InlineData("builtin")]
    public async Task Resolve_ChainLongerThanTheBound_Fails(string resolverName)
    {
        var config = string.Concat(Enumerable.Range(0, JumpChain.MaxJumps + 1).Select(i => $"Host h{i}\n  ProxyJump h{i + 1}\n"));
        using var workspace = new ConfigWorkspace().WithConfig(config);

        var failure = await Assert.ThrowsAsync<SshFailureException>(() => JumpChain.ResolveAsync(Resolver(workspace, resolverName), new("h0"), CancellationToken.None));

        Assert.Contains($"more than {JumpChain.MaxJumps} jump hosts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_NoProxyJump_HasNoJumps()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Host web\n  User deploy\n");

        var route = await JumpChain.ResolveAsync(workspace.Builtin(), new("web"), CancellationToken.None);

        Assert.Equal(("deploy", 0), (route.Target.User, route.Jumps.Count));
    }

    private static ISshConfigResolver Resolver(ConfigWorkspace workspace, string name) =>
        name == "ssh" ? workspace.Ssh() : workspace.Builtin();
}
