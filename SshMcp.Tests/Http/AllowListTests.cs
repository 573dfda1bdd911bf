using SshMcp.Server.Http;

namespace SshMcp.Tests.Http;

public sealed class AllowListTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LocalHost", true)]
    [InlineData("localhost.", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("", false)]
    [InlineData("127.0.0.2", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("evil.example", false)]
    public void HostAllows_DefaultLoopbackNames_OnlyThose(string host, bool allowed) =>
        Assert.Equal(allowed, new HostAllowList(SshMcpHttpOptions.LoopbackHosts).Allows(host));

    [Theory]
    [InlineData("mcp.example.com", true)]
    [InlineData("a.mcp.example.com", true)]
    [InlineData("example.com", false)]
    [InlineData("evilexample.com", false)]
    [InlineData("other.org", false)]
    public void HostAllows_SubdomainWildcard_MatchesOnlyBelowTheDot(string host, bool allowed) =>
        Assert.Equal(allowed, new HostAllowList("*.example.com").Allows(host));

    [Fact]
    public void HostAllows_Star_AllowsAnyButAnEmptyListAllowsNone()
    {
        Assert.True(new HostAllowList("*").Allows("anything.example"));
        Assert.False(new HostAllowList("").Allows("localhost"));
    }

    [Theory]
    [InlineData("https://app.example.com", true)]
    [InlineData("https://APP.example.com:443", true)]
    [InlineData("https://app.example.com/", true)]
    [InlineData("http://app.example.com", false)]
    [InlineData("https://app.example.com:8443", false)]
    [InlineData("null", false)]
    [InlineData("", false)]
    public void OriginAllows_ConfiguredOrigin_ComparesSchemeHostAndPort(string origin, bool allowed) =>
        Assert.Equal(allowed, new OriginAllowList("https://app.example.com; http://localhost:5173", allowLoopback: false).Allows(origin));

    [Fact]
    public void OriginAllows_EmptyListBeyondLoopback_RefusesEveryOrigin() =>
        Assert.False(new OriginAllowList("", allowLoopback: false).Allows("http://localhost:3000"));

    [Theory]
    [InlineData("http://localhost:3000", true)]
    [InlineData("http://localhost", true)]
    [InlineData("https://localhost:6274", true)]
    [InlineData("http://127.0.0.1:45123", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://127.0.0.2:3000", false)]
    [InlineData("http://localhost.evil.example:3000", false)]
    [InlineData("http://evil.example", false)]
    [InlineData("null", false)]
    [InlineData("file://", false)]
    public void OriginAllows_OnLoopback_AcceptsLoopbackOriginsOnly(string origin, bool allowed) =>
        Assert.Equal(allowed, new OriginAllowList("", allowLoopback: true).Allows(origin));

    [Fact]
    public void OriginAllows_OnLoopbackWithList_AddsTheListedOrigins() =>
        Assert.True(new OriginAllowList("https://app.example.com", allowLoopback: true).Allows("https://app.example.com"));

    [Theory]
    [InlineData("https://app.example.com/path")]
    [InlineData("ftp://app.example.com")]
    [InlineData("app.example.com")]
    [InlineData("https://user@app.example.com")]
    public void OriginNormalize_NotAnOrigin_IsRejected(string value) =>
        Assert.False(OriginAllowList.TryNormalize(value, out _));
}
