using SshMcp.Server.Ssh.Config;

namespace SshMcp.Tests.Ssh.Config;

/// <summary>The cases both resolvers must resolve alike, with the values ssh -G gives (OpenSSH 9.2).</summary>
internal static partial class ConfigCases
{
    public static readonly IReadOnlyDictionary<string, ConfigCase> All =
        HostCases().Concat(MatchCases()).Concat(IncludeCases()).Concat(PathCases()).Concat(ProxyCases()).Concat(OptionCases())
            .ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names => [.. All.Keys];

    private static IEnumerable<ConfigCase> HostCases()
    {
        yield return new("alias sets HostName, User and Port", """
            Host web
              HostName Web.Example.COM
              User deploy
              Port 2222
            """, new("web"), (t, w) =>
        {
            Assert.Equal(("web.example.com", "deploy", SettingSource.Config, 2222, SettingSource.Config), (t.HostName, t.User, t.UserSource, t.Port, t.PortSource));
        });
        yield return new("unknown alias keeps the defaults", "Host other\n  User x\n", new("Plain-Host"), (t, w) =>
        {
            Assert.Equal(("Plain-Host", "plain-host", w.Account.UserName, SettingSource.Default, 22, SettingSource.Default), (t.Alias, t.HostName, t.User, t.UserSource, t.Port, t.PortSource));
            Assert.Equal(SettingSource.Default, t.IdentityFilesSource);
            Assert.Equal(EffectiveConfig.DefaultIdentityFiles.Select(w.Account.ExpandTilde), t.IdentityFiles);
            Assert.Equal([w.Account.Home + "/.ssh/known_hosts", w.Account.Home + "/.ssh/known_hosts2"], t.UserKnownHostsFiles);
            Assert.Equal((StrictHostKeyChecking.Ask, (TimeSpan?)null, TimeSpan.Zero, 3), (t.StrictHostKeyChecking, t.ConnectTimeout, t.ServerAliveInterval, t.ServerAliveCountMax));
            Assert.Empty(t.ProxyJump);
            Assert.Null(t.ProxyCommand);
            Assert.Null(t.IdentityAgent);
        });
        yield return new("the call's user and port beat the config's", "Host web\n  User deploy\n  Port 2222\n", new("web", "ops", 2200), (t, w) =>
        {
            Assert.Equal(("ops", SettingSource.Call, 2200, SettingSource.Call), (t.User, t.UserSource, t.Port, t.PortSource));
        });
        yield return new("wildcards star and question mark", """
            Host db?.internal
              User dbadmin
            Host *.internal
              User ops
              Port 2022
            """, new("db1.internal"), (t, w) => Assert.Equal(("dbadmin", 2022), (t.User, t.Port)));
        yield return new("a negated pattern excludes a host", """
            Host * !bastion
              User everyone
            Host bastion
              User jumper
            """, new("bastion"), (t, w) => Assert.Equal("jumper", t.User));
        yield return new("space-separated patterns, and a comma is not a separator", """
            Host alpha,beta
              User comma
            Host gamma beta
              User spaced
            """, new("beta"), (t, w) => Assert.Equal("spaced", t.User));
        yield return new("the first value wins across blocks", """
            Host web
              User first
            Host *
              User second
              Port 2201
            Host web
              Port 2202
            """, new("web"), (t, w) => Assert.Equal(("first", 2201), (t.User, t.Port)));
        yield return new("IdentityFile adds up across blocks, CertificateFile drops repeats", """
            Host web
              IdentityFile ~/.ssh/a
              CertificateFile ~/.ssh/a-cert.pub
            Host *
              IdentityFile ~/.ssh/b
              CertificateFile ~/.ssh/a-cert.pub
            """, new("web"), (t, w) =>
        {
            Assert.Equal([w.Account.Home + "/.ssh/a", w.Account.Home + "/.ssh/b"], t.IdentityFiles);
            Assert.Equal([w.Account.Home + "/.ssh/a-cert.pub"], t.CertificateFiles);
        });
        yield return new("a Host line with only a negation matches nothing", "Host !web\n  User negated\n", new("other"), (t, w) =>
            Assert.Equal(SettingSource.Default, t.UserSource));
        yield return new("User is taken as written, without tokens", "Host web\n  User u%h\n", new("web"), (t, w) => Assert.Equal("u%h", t.User));
        yield return new("host patterns are case-sensitive", "Host WEB\n  User upper\n", new("web"), (t, w) => Assert.Equal(SettingSource.Default, t.UserSource));
        yield return new("keywords are case-insensitive, with = and quotes", """
            host web
            	HOSTNAME=web.example.com
              user = "deploy"
              PoRt 2222 # a comment
            """, new("web"), (t, w) => Assert.Equal(("web.example.com", "deploy", 2222), (t.HostName, t.User, t.Port)));
        yield return new("HostName expands %h and keeps addresses as written", """
            Host web
              HostName %h.Example.com
            Host v6
              HostName FE80::1
            """, new("web"), (t, w) => Assert.Equal("web.example.com", t.HostName));
        yield return new("an IPv6 HostName is not lower-cased", "Host v6\n  HostName FE80::1\n", new("v6"), (t, w) => Assert.Equal("FE80::1", t.HostName));
    }
}
