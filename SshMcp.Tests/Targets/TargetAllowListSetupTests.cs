using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Targets;

namespace SshMcp.Tests.Targets;

/// <summary>How the allow lists are read from configuration: strings or arrays, principals as nested keys.</summary>
public sealed class TargetAllowListSetupTests
{
    [Fact]
    public void Configure_StringList_SplitsOnSemicolonsAndSpaces()
    {
        var options = Read(new() { ["SshMcp:AllowedTargets"] = "db-*.example.com:22; 10.0.0.0/8:22,2222  [fd00::/8]:22" });

        Assert.Equal(["db-*.example.com:22", "10.0.0.0/8:22,2222", "[fd00::/8]:22"], options.Global);
    }

    [Fact]
    public void Configure_ArrayAndPrincipals_ReadsEachPrincipalsList()
    {
        var options = Read(new()
        {
            ["SshMcp:AllowedTargets:0"] = "*.staging.example.com",
            ["SshMcp:AllowedTargets:1"] = "10.0.0.0/8",
            ["SshMcp:AllowedTargetsByPrincipal:alice"] = "*.prod.example.com",
            ["SshMcp:AllowedTargetsByPrincipal:token:ci:0"] = "ci-*.example.com:22",
            ["SshMcp:AllowedTargetsByPrincipal:oauth:auth0|42"] = "*",
            ["SshMcp:AllowedTargetsByPrincipal:user:root"] = "localhost",
        });

        Assert.Equal(["*.staging.example.com", "10.0.0.0/8"], options.Global);
        Assert.Equal(["*.prod.example.com"], options.ByPrincipal[Principal.Token("alice").Id]);
        Assert.Equal(["ci-*.example.com:22"], options.ByPrincipal[Principal.Token("ci").Id]);
        Assert.Equal(["*"], options.ByPrincipal[Principal.Subject("auth0|42").Id]);
        Assert.Equal(["localhost"], options.ByPrincipal["user:root"]);
    }

    [Fact]
    public void Configure_Nothing_LeavesTheListUnconfigured()
    {
        var options = Read(new() { ["SshMcp:AllowedTargets"] = "" });

        Assert.False(options.IsConfigured);
    }

    [Fact]
    public void Validate_BadEntry_NamesTheSettingAndTheEntry()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            Read(new() { ["SshMcp:AllowedTargetsByPrincipal:alice"] = "10.1.0.0/8" }));

        Assert.Contains("SshMcp:AllowedTargetsByPrincipal:token:alice: '10.1.0.0/8' is not an address range", error.Message, StringComparison.Ordinal);
    }

    private static TargetAllowListOptions Read(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSshMcp();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<TargetAllowListOptions>>().Value;
    }
}
