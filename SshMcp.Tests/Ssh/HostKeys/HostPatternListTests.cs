using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Tests.Ssh.HostKeys;

public sealed class HostPatternListTests
{
    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("host?", "host1", true)]
    [InlineData("host?", "host", false)]
    [InlineData("[10.0.0.*]:2222", "[10.0.0.1]:2222", true)]
    [InlineData("[10.0.0.*]:2222", "[10.0.0.1]:22", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    public void GlobMatches_Pattern_MatchesWholeName(string pattern, string text, bool expected) =>
        Assert.Equal(expected, HostPatternList.GlobMatches(pattern, text));

    [Theory]
    [InlineData("a,b,c", "b", true)]
    [InlineData("A.Example.COM", "a.example.com", true)]
    [InlineData("!b,*", "b", false)]
    [InlineData("*,!b", "b", false)]
    [InlineData("!b,*", "c", true)]
    [InlineData("!b", "c", false)]
    [InlineData("a,,b", "b", true)]
    public void Matches_PatternList_FollowsOpenSshNegationRules(string field, string name, bool expected) =>
        Assert.Equal(expected, HostPatternList.TryParse(field)!.Matches(name));

    [Theory]
    [InlineData("|1|notbase64!|abc")]
    [InlineData("|1|c2FsdA==")]
    [InlineData("|1|c2FsdA==|c2hvcnQ=")]
    [InlineData("|2|c2FsdA==|c2FsdA==")]
    [InlineData(",")]
    public void TryParse_MalformedField_ReturnsNull(string field) => Assert.Null(HostPatternList.TryParse(field));
}
