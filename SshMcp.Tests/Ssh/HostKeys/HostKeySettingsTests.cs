using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Tests.Ssh.HostKeys;

public sealed class HostKeySettingsTests
{
    [Theory]
    [InlineData("accept-new", HostKeyPolicy.AcceptNew)]
    [InlineData(" Accept-New ", HostKeyPolicy.AcceptNew)]
    [InlineData("AcceptNew", HostKeyPolicy.AcceptNew)]
    [InlineData("strict", HostKeyPolicy.Strict)]
    [InlineData("STRICT", HostKeyPolicy.Strict)]
    [InlineData("off", HostKeyPolicy.Off)]
    public void TryParse_KnownValue_ReturnsPolicy(string value, HostKeyPolicy expected)
    {
        Assert.True(HostKeyPolicyParser.TryParse(value, out var policy));
        Assert.Equal(expected, policy);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("accept_new")]
    [InlineData("2")]
    public void TryParse_UnknownValue_ReturnsFalse(string? value) => Assert.False(HostKeyPolicyParser.TryParse(value, out _));

    [Theory]
    [InlineData(HostKeyPolicy.AcceptNew, "accept-new")]
    [InlineData(HostKeyPolicy.Strict, "strict")]
    [InlineData(HostKeyPolicy.Off, "off")]
    public void ToConfigString_Policy_RoundTrips(HostKeyPolicy policy, string expected)
    {
        Assert.Equal(expected, policy.ToConfigString());
        Assert.True(HostKeyPolicyParser.TryParse(expected, out var parsed));
        Assert.Equal(policy, parsed);
    }

    [Theory]
    [InlineData(HostKeyStatus.Known, "known")]
    [InlineData(HostKeyStatus.NewlyTrusted, "new")]
    [InlineData(HostKeyStatus.Pinned, "pinned")]
    [InlineData(HostKeyStatus.Unchecked, "unchecked")]
    public void ToWireString_Status_IsLowerCaseWord(HostKeyStatus status, string expected) =>
        Assert.Equal(expected, status.ToWireString());

    [Theory]
    [InlineData("/xdg", "/xdg/sshmcp/known_hosts")]
    [InlineData(null, "/home/u/.config/sshmcp/known_hosts")]
    [InlineData("", "/home/u/.config/sshmcp/known_hosts")]
    [InlineData("relative/dir", "/home/u/.config/sshmcp/known_hosts")]
    public void DefaultStorePath_XdgConfigHome_IsUsedOnlyWhenAbsolute(string? xdg, string expected) =>
        Assert.Equal(expected, HostKeyOptions.DefaultStorePath(xdg, "/home/u"));

    [Fact]
    public void Constructor_Defaults_AreAcceptNewAndUserFiles()
    {
        var options = new HostKeyOptions();
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(HostKeyPolicy.AcceptNew, options.Policy);
        Assert.Equal(Path.Combine(home, ".ssh", "known_hosts"), options.UserKnownHostsPath);
        Assert.EndsWith(Path.Combine("sshmcp", "known_hosts"), options.StorePath, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpandHome_TildePath_IsUnderUserProfile()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(Path.Combine(home, ".ssh/known_hosts"), HostKeyOptions.ExpandHome("~/.ssh/known_hosts"));
        Assert.Equal("/etc/ssh/ssh_known_hosts", HostKeyOptions.ExpandHome("/etc/ssh/ssh_known_hosts"));
    }
}
