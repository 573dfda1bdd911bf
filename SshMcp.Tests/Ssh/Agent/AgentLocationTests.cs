using SshMcp.Server.Ssh.Agent;

namespace SshMcp.Tests.Ssh.Agent;

/// <summary>Which agent socket a connect uses: IdentityAgent, then SshMcp:AgentSocket, then SSH_AUTH_SOCK.</summary>
public sealed class AgentLocationTests
{
    private static readonly Dictionary<string, string?> Variables = new()
    {
        ["SSH_AUTH_SOCK"] = "/run/user/agent.sock",
        ["OTHER_AGENT"] = "/run/other.sock",
        ["HOME"] = "/home/me",
    };

    [Fact]
    public void Resolve_NothingConfigured_UsesSshAuthSock() =>
        Assert.Equal(new AgentLocation("/run/user/agent.sock", "SSH_AUTH_SOCK"), AgentLocation.Resolve(null, null, Read));

    [Fact]
    public void Resolve_NothingConfiguredAndNoVariable_IsNoAgent() =>
        Assert.Null(AgentLocation.Resolve(null, "", _ => null));

    [Fact]
    public void Resolve_OptionNone_TurnsTheAgentOff() =>
        Assert.Null(AgentLocation.Resolve(null, "none", Read));

    [Fact]
    public void Resolve_OptionPath_WinsOverTheVariable() =>
        Assert.Equal(new AgentLocation("/tmp/a.sock", "SshMcp:AgentSocket"), AgentLocation.Resolve(null, "/tmp/a.sock", Read));

    [Fact]
    public void Resolve_IdentityAgentPath_WinsOverTheOption() =>
        Assert.Equal(new AgentLocation("/tmp/b.sock", "IdentityAgent"), AgentLocation.Resolve("/tmp/b.sock", "none", Read));

    [Fact]
    public void Resolve_IdentityAgentNone_TurnsTheAgentOff() =>
        Assert.Null(AgentLocation.Resolve("none", "/tmp/a.sock", Read));

    [Theory]
    [InlineData("SSH_AUTH_SOCK", "/run/user/agent.sock")]
    [InlineData("$OTHER_AGENT", "/run/other.sock")]
    [InlineData("${OTHER_AGENT}", "/run/other.sock")]
    [InlineData("~/.ssh/agent.sock", "/home/me/.ssh/agent.sock")]
    public void Resolve_IdentityAgentWithVariableOrHome_Expands(string identityAgent, string expected) =>
        Assert.Equal(expected, AgentLocation.Resolve(identityAgent, null, Read)?.SocketPath);

    private static string? Read(string name) => Variables.GetValueOrDefault(name);
}
