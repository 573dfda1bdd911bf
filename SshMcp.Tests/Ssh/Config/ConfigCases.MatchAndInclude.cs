using SshMcp.Server.Ssh.Config;

namespace SshMcp.Tests.Ssh.Config;

internal static partial class ConfigCases
{
    private static IEnumerable<ConfigCase> MatchCases()
    {
        yield return new("Match host compares the expanded HostName", """
            Host web
              HostName %h.example.com
            Match host *.EXAMPLE.com
              User matched
            """, new("web"), (t, w) => Assert.Equal("matched", t.User));
        yield return new("Match originalhost compares the alias", """
            Host web
              HostName 10.1.2.3
            Match originalhost web
              Port 2200
            Match host web
              User never
            """, new("web"), (t, w) => Assert.Equal((2200, SettingSource.Default), (t.Port, t.UserSource)));
        yield return new("Match user sees the call's user", """
            Match user admin,root2
              IdentityFile ~/.ssh/admin_key
            """, new("web", "admin"), (t, w) =>
        {
            Assert.Equal([w.Account.Home + "/.ssh/admin_key"], t.IdentityFiles);
            Assert.Equal(SettingSource.Config, t.IdentityFilesSource);
        });
        yield return new("Match user sees the config's earlier User", """
            Host web
              User deploy
            Match user deploy
              Port 2300
            Match user !deploy
              Port 2301
            """, new("web"), (t, w) => Assert.Equal(2300, t.Port));
        yield return new("Match all and negated criteria", """
            Match !host *.example.com
              Port 2299
            Match all
              User everyone
            """, new("web"), (t, w) => Assert.Equal(("everyone", 2299), (t.User, t.Port)));
        yield return new("Match user is case-sensitive", """
            Match user Deploy
              Port 2601
            """, new("web", "deploy"), (t, w) => Assert.Equal(22, t.Port));
        yield return new("Match localuser", """
            Match !localuser nobody-here
              User notnobody
            """, new("web"), (t, w) => Assert.Equal("notnobody", t.User));
        yield return new("Match final parses again with the host name for Host lines", """
            Host web
              HostName web.example.com
            Host web.example.com
              User viafinal
            Match canonical host web.example.com
              Port 2400
            Match final
            """, new("web"), (t, w) => Assert.Equal(("viafinal", 2400), (t.User, t.Port)));
    }

    private static IEnumerable<ConfigCase> IncludeCases()
    {
        yield return new("Include an absolute path", "Include {root}/inc/web.conf\n", new("web"), (t, w) => Assert.Equal("included", t.User))
        {
            Files = [("inc/web.conf", "Host web\n  User included\n")],
        };
        yield return new("Include a glob, in name order, without dot files", "Include {root}/conf.d/*.conf\n", new("web"), (t, w) =>
            Assert.Equal(("b", 2201), (t.User, t.Port)))
        {
            Files =
            [
                ("conf.d/20-b.conf", "Host web\n  Port 2202\n  User b\n"),
                ("conf.d/10-a.conf", "Host web\n  Port 2201\n"),
                ("conf.d/.hidden.conf", "Host web\n  User hidden\n"),
                ("conf.d/30-c.txt", "Host web\n  User txt\n"),
            ],
        };
        yield return new("Include a relative path from ~/.ssh", "Include rel/*.conf\n", new("web"), (t, w) => Assert.Equal("relative", t.User))
        {
            Files = [("home/.ssh/rel/web.conf", "Host web\n  User relative\n")],
        };
        yield return new("Include a path under ~", "Include ~/.ssh/tilde.conf\n", new("web"), (t, w) => Assert.Equal(2345, t.Port))
        {
            Files = [("home/.ssh/tilde.conf", "Port 2345\n")],
        };
        yield return new("Include inside a Host block applies to that host only", """
            Host web
              Include {root}/inc/only-web.conf
              Port 2500
            Host other
              Include {root}/inc/only-other.conf
            Host *
              User fallback
            """, new("web"), (t, w) => Assert.Equal(("fromweb", 2500), (t.User, t.Port)))
        {
            Files =
            [
                ("inc/only-web.conf", "User fromweb\nHost nothing\n  Port 1234\n"),
                ("inc/only-other.conf", "User fromother\n"),
            ],
        };
        yield return new("an Include in a block that does not apply applies nothing, even Match all", """
            Host other
              Include {root}/inc/match-all.conf
            Host *
              Include {root}/inc/match-none.conf
              User after
            """, new("web"), (t, w) => Assert.Equal(("after", 22), (t.User, t.Port)))
        {
            Files =
            [
                ("inc/match-all.conf", "Match all\n  Port 1\n"),
                ("inc/match-none.conf", "Match host nothing\n  Port 2\n"),
            ],
        };
        yield return new("Include of a missing file is ignored", "Include {root}/missing/*.conf {root}/none.conf\nUser still\n", new("web"), (t, w) =>
            Assert.Equal("still", t.User));
    }
}
