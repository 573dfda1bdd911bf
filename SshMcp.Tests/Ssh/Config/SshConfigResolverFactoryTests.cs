using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh.Config;

namespace SshMcp.Tests.Ssh.Config;

public sealed class SshConfigResolverFactoryTests
{
    [Fact]
    public async Task ResolveRoute_ConfiguredFile_ResolvesTheAliasAndItsJumps()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Host web\n  HostName web.example.com\n  ProxyJump bastion\n");
        var options = new SshMcpOptions { SshConfigResolver = SshConfigResolverFactory.Builtin, SshConfigPath = workspace.ConfigPath };
        var factory = new SshConfigResolverFactory(Options.Create(options), TimeProvider.System, NullLogger<SshConfigResolverFactory>.Instance);

        var route = await factory.ResolveRouteAsync(new("web"), CancellationToken.None);

        Assert.Equal(("web.example.com", "bastion"), (route.Target.HostName, Assert.Single(route.Jumps).HostName));
    }

    [Theory]
    [InlineData("auto", true)]
    [InlineData("ssh", true)]
    [InlineData("builtin", true)]
    [InlineData("openssh", false)]
    public void Validate_SshConfigResolver_AcceptsOnlyTheModes(string mode, bool valid)
    {
        var result = new SshMcpOptionsValidator().Validate(null, new SshMcpOptions { SshConfigResolver = mode });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("SshMcp:SshConfigResolver", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
