using SshMcp.Server.Ssh.Config;

namespace SshMcp.Tests.Ssh.Config;

/// <summary>The small parsers under the built-in resolver, on OpenSSH's own examples.</summary>
public sealed class ConfigSyntaxTests
{
    [Theory]
    [InlineData("Host web", "host", "web")]
    [InlineData("  HostName=web.example.com  ", "hostname", "web.example.com")]
    [InlineData("User = deploy", "user", "deploy")]
    [InlineData("\tPORT\t2222 # comment", "port", "2222")]
    [InlineData("SetEnv \"A=b c\" 'D=e' F\\ G=h", "setenv", "A=b c|D=e|F G=h")]
    public void Parse_Line_SplitsKeywordAndArguments(string text, string keyword, string arguments)
    {
        var line = ConfigLine.Parse(text)!;

        Assert.Equal((keyword, arguments), (line.Keyword, string.Join('|', line.Arguments)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# Host web")]
    [InlineData("   # indented comment")]
    public void Parse_BlankOrComment_IsNull(string text) => Assert.Null(ConfigLine.Parse(text));

    [Theory]
    [InlineData("User", "no argument after keyword \"user\"")]
    [InlineData("User \"deploy", "invalid quotes")]
    public void Parse_BadLine_ThrowsWithSshReason(string text, string reason) =>
        Assert.Equal(reason, Assert.Throws<FormatException>(() => ConfigLine.Parse(text)).Message);

    [Theory]
    [InlineData("h", "h")]
    [InlineData("u@h:2200", "u@h:2200")]
    [InlineData("a@b@h", "a@b@h")]
    [InlineData("[::1]:23,ssh://u@h:2022/", "[::1]:23,u@h:2022")]
    [InlineData("none", "")]
    [InlineData("j1 # why", "j1")]
    public void TryParseChain_ValidValue_GivesHops(string value, string expected)
    {
        Assert.True(JumpHost.TryParseChain(value, out var hops));
        Assert.Equal(expected, string.Join(',', hops));
    }

    [Theory]
    [InlineData("h:0")]
    [InlineData("h:65536")]
    [InlineData("h:ssh2")]
    [InlineData("@h")]
    [InlineData("[::1")]
    [InlineData("h/path")]
    [InlineData("a,,b")]
    public void TryParseChain_BadValue_Fails(string value) => Assert.False(JumpHost.TryParseChain(value, out _));

    [Theory]
    [InlineData("%h-%%-%p", "web-%-22")]
    [InlineData("${SSHMCP_X}/k", "/x/k")]
    [InlineData("plain", "plain")]
    public void Expand_KnownTokens_AreReplaced(string text, string expected) =>
        Assert.Equal(expected, TokenExpander.Expand(text, new Dictionary<char, string> { ['h'] = "web", ['p'] = "22" }, name => name == "SSHMCP_X" ? "/x" : null));

    [Theory]
    [InlineData("%q", "unknown key %q")]
    [InlineData("tail%", "invalid format: '%' at the end")]
    [InlineData("${NOPE}", "env var ${NOPE} has no value")]
    [InlineData("${OPEN", "environment variable 'OPEN' missing closing '}'")]
    public void Expand_BadText_ThrowsWithSshReason(string text, string reason) =>
        Assert.Equal(reason, Assert.Throws<FormatException>(() => TokenExpander.Expand(text, new Dictionary<char, string>(), _ => null)).Message);

    [Theory]
    [InlineData("90", 90)]
    [InlineData("1m30s", 90)]
    [InlineData("2H", 7200)]
    [InlineData("1w1d", 691200)]
    public void TryParseSeconds_SshTime_IsSeconds(string text, int seconds)
    {
        Assert.True(SshTime.TryParseSeconds(text, out var parsed));
        Assert.Equal(seconds, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("99999999999")]
    public void TryParseSeconds_BadText_Fails(string text) => Assert.False(SshTime.TryParseSeconds(text, out _));

    [Theory]
    [InlineData("SSH_PRIVATE_KEY", true)]
    [InlineData("SSHMCP_AUTH_TOKEN", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("SSH_AUTH_SOCK", false)]
    [InlineData("HOME", false)]
    public void IsSecret_Name_KeepsSecretsFromChildren(string name, bool secret) => Assert.Equal(secret, ChildEnvironment.IsSecret(name));

    [Fact]
    public void Create_Modes_PickTheResolver()
    {
        var account = LocalAccount.Current();

        Assert.Equal("ssh", SshConfigResolverFactory.Create("auto", null, "/usr/bin/ssh", account).Name);
        Assert.Equal("builtin", SshConfigResolverFactory.Create("auto", null, null, account).Name);
        Assert.Equal("builtin", SshConfigResolverFactory.Create("builtin", null, "/usr/bin/ssh", account).Name);
        Assert.Equal(Server.Ssh.SshFailureKind.ConfigInvalid, Assert.Throws<Server.Ssh.SshFailureException>(() => SshConfigResolverFactory.Create("ssh", null, null, account)).Kind);
    }
}
