using SshMcp.Server.Ssh.Config;

namespace SshMcp.Tests.Ssh.Config;

internal static partial class ConfigCases
{
    private static IEnumerable<ConfigCase> PathCases()
    {
        yield return new("IdentityFile expands ~ and tokens", """
            Host web
              HostName web.example.com
              User deploy
              Port 2222
              IdentityFile ~/.ssh/id_%h_%p_%r
              IdentityFile "%d/keys/%u-%%-%n"
              IdentityFile ${SSHMCP_CONFIG_TEST_DIR}/key
              IdentityFile ~/.ssh/id_%h_%p_%r
            """, new("web"), (t, w) =>
        {
            Assert.Equal(
                [$"{w.Account.Home}/.ssh/id_web.example.com_2222_deploy", $"{w.Account.Home}/keys/{w.Account.UserName}-%-web", "/var/sshmcp-config-test/key"],
                t.IdentityFiles);
            Assert.Equal(SettingSource.Config, t.IdentityFilesSource);
        });
        yield return new("IdentitiesOnly and CertificateFile", """
            Host web
              IdentitiesOnly yes
              IdentityFile ~/.ssh/ca_user
              CertificateFile ~/.ssh/%r-cert.pub
              CertificateFile /etc/certs/%h.pub
            """, new("web", "deploy"), (t, w) =>
        {
            Assert.True(t.IdentitiesOnly);
            Assert.Equal([$"{w.Account.Home}/.ssh/deploy-cert.pub", "/etc/certs/web.pub"], t.CertificateFiles);
        });
        // ssh -G expands UserKnownHostsFile itself: this case checks every token against ssh.
        yield return new("UserKnownHostsFile expands every token as ssh does", """
            Host web
              HostName Web.Example.com
              Port 2022
              HostKeyAlias WebAlias
              UserKnownHostsFile ~/kh/%C %d/%h-%p-%r-%u-%n %l-%L-%i-%k %% ${SSHMCP_CONFIG_TEST_DIR}/kh
            """, new("web", "deploy"), (t, w) =>
        {
            Assert.Equal(5, t.UserKnownHostsFiles.Count);
            Assert.Equal($"{w.Account.Home}/web.example.com-2022-deploy-{w.Account.UserName}-web", t.UserKnownHostsFiles[1]);
            Assert.EndsWith("-webalias", t.UserKnownHostsFiles[2], StringComparison.Ordinal);
            Assert.Equal("webalias", t.HostKeyAlias);
        });
        yield return new("UserKnownHostsFile none", "Host web\n  UserKnownHostsFile none\n", new("web"), (t, w) => Assert.Empty(t.UserKnownHostsFiles));
        yield return new("IdentityAgent as a path is expanded", "Host web\n  IdentityAgent ~/agent-%r.sock\n", new("web", "deploy"), (t, w) =>
        {
            Assert.Equal($"{w.Account.Home}/agent-deploy.sock", t.IdentityAgent);
            Assert.Equal($"{w.Account.Home}/agent-deploy.sock", t.AgentSocketPath(_ => "/ignored"));
        });
        yield return new("IdentityAgent SSH_AUTH_SOCK and none", "Host web\n  IdentityAgent SSH_AUTH_SOCK\nHost *\n  IdentityAgent none\n", new("web"), (t, w) =>
        {
            Assert.Equal("SSH_AUTH_SOCK", t.IdentityAgent);
            Assert.Equal("/run/agent", t.AgentSocketPath(name => name == "SSH_AUTH_SOCK" ? "/run/agent" : null));
        });
        yield return new("IdentityAgent none turns the agent off", "IdentityAgent none\n", new("web"), (t, w) =>
            Assert.Null(t.AgentSocketPath(_ => "/run/agent")));
    }

    private static IEnumerable<ConfigCase> ProxyCases()
    {
        yield return new("ProxyJump chain with users and ports", "Host web\n  ProxyJump jumper@h1:2200,h2\n", new("web"), (t, w) =>
            Assert.Equal([new JumpHost("h1", "jumper", 2200), new JumpHost("h2", null, null)], t.ProxyJump));
        yield return new("ProxyJump with an ssh URI and an IPv6 address", "Host web\n  ProxyJump ssh://u@h:2022,[::1]:23,10.0.0.1\n", new("web"), (t, w) =>
            Assert.Equal([new JumpHost("h", "u", 2022), new JumpHost("::1", null, 23), new JumpHost("10.0.0.1", null, null)], t.ProxyJump));
        yield return new("ProxyJump none blocks a later ProxyJump but not a ProxyCommand", "Host web\n  ProxyJump none\nHost *\n  ProxyJump j1\n  ProxyCommand nc %h %p\n", new("web"), (t, w) =>
        {
            Assert.Empty(t.ProxyJump);
            Assert.Equal("nc %h %p", t.ProxyCommand);
        });
        yield return new("ProxyCommand is kept as written", "Host web\n  ProxyCommand=nc -X connect -x proxy:3128 %h %p\n  ProxyJump j1\n", new("web"), (t, w) =>
        {
            Assert.Equal("nc -X connect -x proxy:3128 %h %p", t.ProxyCommand);
            Assert.Empty(t.ProxyJump);
        });
        yield return new("ProxyJump first blocks a later ProxyCommand", "Host web\n  ProxyJump j1\n  ProxyCommand nc %h %p\n", new("web"), (t, w) =>
        {
            Assert.Equal([new JumpHost("j1", null, null)], t.ProxyJump);
            Assert.Null(t.ProxyCommand);
        });
        yield return new("ProxyCommand none blocks ProxyJump", "Host web\n  ProxyCommand none\n  ProxyJump j1\n", new("web"), (t, w) =>
        {
            Assert.Empty(t.ProxyJump);
            Assert.Null(t.ProxyCommand);
        });
        yield return new("a host reached through a jump host ignores its own proxy settings", "Host web\n  ProxyJump j1\n  ProxyCommand nc %h %p\n  User w\n", new("web", IgnoreProxy: true), (t, w) =>
        {
            Assert.Equal(("w", 0, (string?)null), (t.User, t.ProxyJump.Count, t.ProxyCommand));
        });
    }

    private static IEnumerable<ConfigCase> OptionCases()
    {
        yield return new("StrictHostKeyChecking, ConnectTimeout and ServerAlive", """
            Host web
              StrictHostKeyChecking accept-new
              ConnectTimeout 1m30s
              ServerAliveInterval 2m
              ServerAliveCountMax 5
            Host *
              StrictHostKeyChecking no
              ServerAliveInterval 1
            """, new("web"), (t, w) =>
        {
            Assert.Equal(StrictHostKeyChecking.AcceptNew, t.StrictHostKeyChecking);
            Assert.Equal(TimeSpan.FromSeconds(90), t.ConnectTimeout);
            Assert.Equal((TimeSpan.FromMinutes(2), 5), (t.ServerAliveInterval, t.ServerAliveCountMax));
        });
        yield return new("StrictHostKeyChecking off is no, and ConnectTimeout none leaves it open", """
            Host web
              StrictHostKeyChecking off
              ConnectTimeout none
            Host *
              ConnectTimeout 7
            """, new("web"), (t, w) => Assert.Equal((StrictHostKeyChecking.No, (TimeSpan?)TimeSpan.FromSeconds(7)), (t.StrictHostKeyChecking, t.ConnectTimeout)));
        yield return new("StrictHostKeyChecking yes", "StrictHostKeyChecking yes\n", new("web"), (t, w) => Assert.Equal(StrictHostKeyChecking.Yes, t.StrictHostKeyChecking));
        yield return new("SetEnv: the first line wins, each name once", """
            Host web
              SetEnv FOO=bar "BAZ=qu ux" FOO=dup
            Host *
              SetEnv OTHER=1
            """, new("web"), (t, w) => Assert.Equal([new("FOO", "bar"), new("BAZ", "qu ux")], t.SetEnv));
        yield return new("SendEnv adds up and -pattern removes", """
            Host web
              SendEnv LANG LC_*
              SendEnv -LC_* XYZ
            Host *
              SendEnv LC_ALL
            """, new("web"), (t, w) => Assert.Equal(["LANG", "XYZ", "LC_ALL"], t.SendEnv));
        yield return new("options we skip and IgnoreUnknown do not fail", """
            IgnoreUnknown UseKeychain,AddKeysToAgentX
            Host web
              UseKeychain yes
              ForwardAgent yes
              Compression yes
              ControlMaster auto
              ControlPath ~/.ssh/cm-%C
              LocalForward 8080 localhost:80
              User skip
            """, new("web"), (t, w) => Assert.Equal("skip", t.User));
    }
}
