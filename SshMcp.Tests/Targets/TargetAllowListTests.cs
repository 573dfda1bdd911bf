using System.Net;
using SshMcp.Server.Principals;
using SshMcp.Server.Targets;

namespace SshMcp.Tests.Targets;

/// <summary>The allow list's pure core: patterns, ranges, ports and per-principal lists, with no DNS and no network.</summary>
public sealed class TargetAllowListTests
{
    private static readonly Principal Alice = Principal.Token("alice");
    private static readonly Principal Bob = Principal.Token("bob");

    [Theory]
    [InlineData("db-*.example.com", "db-1.example.com", 22, true)]
    [InlineData("db-*.example.com", "DB-7.Example.COM", 2222, true)]
    [InlineData("db-*.example.com", "db-1.example.com.", 22, true)]
    [InlineData("db-*.example.com", "web-1.example.com", 22, false)]
    [InlineData("db-*.example.com", "db-1.example.com.evil.test", 22, false)]
    [InlineData("*.example.com", "a.b.example.com", 22, true)]
    [InlineData("*.example.com", "example.com", 22, false)]
    [InlineData("*", "anything.test", 22, true)]
    [InlineData("db-*.example.com:22", "db-1.example.com", 22, true)]
    [InlineData("db-*.example.com:22", "db-1.example.com", 2222, false)]
    [InlineData("db-*.example.com:22,2222", "db-1.example.com", 2222, true)]
    public void Check_NamePattern_MatchesTheNameAndPort(string entry, string host, int port, bool allowed)
    {
        var list = List(entry);

        Assert.Equal(allowed, list.Check(Alice, host, port, [IPAddress.Parse("192.0.2.1")]).Allowed);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", 22, true)]
    [InlineData("10.0.0.0/8", "11.1.2.3", 22, false)]
    [InlineData("10.0.0.0/8:22,2222", "10.1.2.3", 2222, true)]
    [InlineData("10.0.0.0/8:22,2222", "10.1.2.3", 23, false)]
    [InlineData("10.1.2.3", "10.1.2.3", 22, true)]
    [InlineData("10.1.2.3", "10.1.2.4", 22, false)]
    [InlineData("10.0.0.0/8", "::ffff:10.9.9.9", 22, true)]
    [InlineData("::1/128", "::1", 22, true)]
    [InlineData("::1", "::1", 22, true)]
    [InlineData("fd00::/8", "fd12:3456::1", 22, true)]
    [InlineData("fd00::/8", "fe80::1", 22, false)]
    [InlineData("[fd00::/8]:22", "fd12::1", 22, true)]
    [InlineData("[fd00::/8]:22", "fd12::1", 2222, false)]
    [InlineData("[::1]:22", "::1", 22, true)]
    [InlineData("10.0.0.0/8", "fd12::1", 22, false)]
    public void Check_AddressRange_MatchesTheAddressAndPort(string entry, string address, int port, bool allowed)
    {
        var list = List(entry);

        Assert.Equal(allowed, list.Check(Alice, address, port, [IPAddress.Parse(address)]).Allowed);
    }

    [Fact]
    public void Check_NameResolvingToOneForbiddenAddress_IsRefusedNamingTheAddresses()
    {
        var list = List("10.0.0.0/8");

        var verdict = list.Check(Alice, "mixed.example.com", 22, [IPAddress.Parse("10.1.2.3"), IPAddress.Parse("192.0.2.7")]);

        Assert.False(verdict.Allowed);
        Assert.Equal("host mixed.example.com (10.1.2.3, 192.0.2.7) port 22 is not in SshMcp:AllowedTargets; ask the operator to add it.", verdict.Message);
    }

    [Fact]
    public void Check_NameResolvingOnlyInsideTheRange_IsAllowed()
    {
        Assert.True(List("10.0.0.0/8").Check(Alice, "db.internal", 22, [IPAddress.Parse("10.1.2.3"), IPAddress.Parse("10.4.5.6")]).Allowed);
    }

    [Fact]
    public void Check_ResolvedHostNameMatches_IsAllowedAndTheMessageNamesBoth()
    {
        var list = List("db-1.internal:22");

        var viaHostName = list.Check(Alice, new TargetHop("db", "db-1.internal", 22, [IPAddress.Parse("10.0.0.5")]));
        var refused = list.Check(Alice, new TargetHop("web", "web-1.internal", 22, [IPAddress.Parse("10.0.0.6")]));

        Assert.True(viaHostName.Allowed);
        Assert.Equal("host web (HostName web-1.internal, 10.0.0.6) port 22 is not in SshMcp:AllowedTargets; ask the operator to add it.", refused.Message);
    }

    [Fact]
    public void Check_IpLiteralRefused_SaysTheAddressOnce()
    {
        var verdict = List("10.0.0.0/8").Check(Alice, "192.0.2.7", 22, [IPAddress.Parse("192.0.2.7")]);

        Assert.Equal("host 192.0.2.7 port 22 is not in SshMcp:AllowedTargets; ask the operator to add it.", verdict.Message);
    }

    [Fact]
    public void Check_PrincipalWithItsOwnList_UsesItInsteadOfTheGlobalList()
    {
        var list = new TargetAllowList(
            Patterns("*.staging.example.com"),
            new Dictionary<string, IReadOnlyList<TargetPattern>> { [Alice.Id] = Patterns("*.prod.example.com:22") });

        Assert.True(list.Check(Alice, "db.prod.example.com", 22, []).Allowed);
        Assert.False(list.Check(Alice, "db.staging.example.com", 22, []).Allowed);
        Assert.True(list.Check(Bob, "db.staging.example.com", 22, []).Allowed);
        Assert.Equal(
            "host db.staging.example.com port 22 is not in SshMcp:AllowedTargetsByPrincipal:token:alice; ask the operator to add it.",
            list.Check(Alice, "db.staging.example.com", 22, []).Message);
    }

    [Fact]
    public void Check_OnlyPerPrincipalLists_RefusesEveryoneElse()
    {
        var list = new TargetAllowList(null, new Dictionary<string, IReadOnlyList<TargetPattern>> { [Alice.Id] = Patterns("*") });

        Assert.True(list.IsEnforced);
        Assert.True(list.Check(Alice, "any.test", 22, []).Allowed);
        Assert.False(list.Check(Bob, "any.test", 22, []).Allowed);
        Assert.False(list.Check(Principal.Subject("alice"), "any.test", 22, []).Allowed);
    }

    [Fact]
    public void Check_NothingConfigured_AllowsEverything()
    {
        var list = new TargetAllowList(null);

        Assert.False(list.IsEnforced);
        Assert.True(list.Check(Alice, "anything.test", 65000, []).Allowed);
    }

    [Theory]
    [InlineData("10.1.0.0/8", "not an address range")]
    [InlineData("10.0.0.0/33", "not an address range")]
    [InlineData("db.example.com:0", "bad port list")]
    [InlineData("db.example.com:ssh", "bad port list")]
    [InlineData("db.example.com:22,", "bad port list")]
    [InlineData("[fd00::/8:22", "unclosed '['")]
    [InlineData("db/example", "not an address range")]
    [InlineData("db example", "not a host name pattern")]
    [InlineData(":22", "names no host")]
    public void TryParse_BadEntry_SaysWhatIsWrong(string entry, string expected)
    {
        Assert.False(TargetPattern.TryParse(entry, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static TargetAllowList List(params string[] entries) => new(Patterns(entries));

    private static List<TargetPattern> Patterns(params string[] entries) =>
        [.. entries.Select(e => TargetPattern.TryParse(e, out var p, out var error) ? p : throw new ArgumentException(error))];
}
