using System.Net;
using System.Net.Sockets;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh.Routes;

/// <summary>
/// What an agent reads when a route cannot be followed, the same words on every transport: an alias neither the config
/// nor DNS knows, a jump host unreachable or refusing, an agent empty or gone, a certificate expired or for another
/// principal, a key that needs a passphrase, and the host key checks the config adds.
/// </summary>
[Collection(RouteCollection.Name)]
public sealed class RouteErrorTests(RouteFixture fixture) : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public static TheoryData<string> Transports => RouteTests.Transports;

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_AliasNeitherConfigNorDnsKnows_SaysSo(string transport)
    {
        var error = await OpenErrorAsync(transport, "no-such-alias.invalid");

        Assert.Contains("'no-such-alias.invalid' is not in ~/.ssh/config and DNS does not know it", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_ConfiguredHostNameDnsDoesNotKnow_NamesAliasAndHostName(string transport)
    {
        fixture.AddHosts("typo", "Host typo-host\n    HostName no-such-name.invalid\n");

        var error = await OpenErrorAsync(transport, "typo-host");

        Assert.Contains("'typo-host' is in ~/.ssh/config as HostName no-such-name.invalid, and DNS does not know no-such-name.invalid", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_JumpHostRefusesConnections_NamesTheJumpHost(string transport)
    {
        var closed = ClosedPort();
        fixture.AddHosts("dead-jump", $"Host jump-dead\n    HostName 127.0.0.1\n    Port {closed}\n\nHost via-dead-jump\n    HostName 127.0.0.1\n    Port {{target}}\n    ProxyJump jump-dead\n");

        var error = await OpenErrorAsync(transport, "via-dead-jump", withAgent: true);

        Assert.Contains($"Could not reach 'via-dead-jump' through jump host 'jump-dead' ({fixture.User}@127.0.0.1:{closed}) (ProxyJump): Connection refused", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_JumpHostDnsDoesNotKnow_NamesTheJumpHost(string transport)
    {
        fixture.AddHosts("unknown-jump", "Host via-unknown-jump\n    HostName 127.0.0.1\n    Port {target}\n    ProxyJump no-such-bastion.invalid\n");

        var error = await OpenErrorAsync(transport, "via-unknown-jump", withAgent: true);

        Assert.Contains("through jump host 'no-such-bastion.invalid'", error, StringComparison.Ordinal);
        Assert.Contains("'no-such-bastion.invalid' is not in ~/.ssh/config and DNS does not know it", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_JumpHostRefusesLogin_NamesTheJumpHostAndWhatWasTried(string transport)
    {
        // The agent's key without its certificate: the bastion trusts only the CA.
        fixture.AddHosts("noauth-jump", "Host jump-noauth\n    HostName 127.0.0.1\n    Port {bastion}\n    IdentityAgent {agent}\n\nHost via-noauth-jump\n    HostName 127.0.0.1\n    Port {target}\n    ProxyJump jump-noauth\n");

        var error = await OpenErrorAsync(transport, "via-noauth-jump");

        Assert.Contains($"through jump host 'jump-noauth' ({fixture.User}@127.0.0.1:{fixture.Bastion.Port})", error, StringComparison.Ordinal);
        Assert.Contains($"Authentication failed for {fixture.User}@127.0.0.1:{fixture.Bastion.Port}", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_JumpHostRefusesToForward_NamesTheJumpHostAndTheSetting(string transport)
    {
        await using var noForwarding = SshdFixture.Create(new SshdOptions
        {
            Variant = SshdVariant.KeyOnly,
            TrustedUserCAKeys = fixture.Authority.PublicKeyPath,
            AuthorizeFixtureKey = false,
            AllowTcpForwarding = false,
        });
        await noForwarding.InitializeAsync();
        fixture.AddHosts("nofwd-jump", $"Host bastion-nofwd\n    HostName 127.0.0.1\n    Port {noForwarding.Port}\n\nHost prod-via-nofwd\n    ProxyJump bastion-nofwd\n    HostName 127.0.0.1\n    Port {{target}}\n");

        var error = await OpenErrorAsync(transport, "prod-via-nofwd");

        Assert.Contains($"Jump host 'bastion-nofwd' ({fixture.User}@127.0.0.1:{noForwarding.Port}) did not connect 'prod-via-nofwd' on to 127.0.0.1:{fixture.Target.Port}", error, StringComparison.Ordinal);
        Assert.Contains("AllowTcpForwarding", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_AgentEmpty_SaysItHasNoKeys(string transport)
    {
        await using var empty = await SshAgentProcess.StartAsync(_timeout.Token);
        fixture.AddHosts("empty-agent", $"Host agent-empty\n    HostName 127.0.0.1\n    Port {{target}}\n    IdentityAgent {empty.SocketPath}\n");

        var error = await OpenErrorAsync(transport, "agent-empty");

        Assert.Contains($"the ssh-agent at {empty.SocketPath} (IdentityAgent) has no keys; ssh-add one", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_AgentUnreachable_SaysSoAndWhatToDo(string transport)
    {
        fixture.AddHosts("gone-agent", "Host agent-gone\n    HostName 127.0.0.1\n    Port {target}\n    IdentityAgent {root}/gone.sock\n");

        var error = await OpenErrorAsync(transport, "agent-gone");

        Assert.Contains($"the ssh-agent at {fixture.Expand("{root}/gone.sock")} (IdentityAgent) is unreachable", error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("start ssh-agent", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_CertificateExpired_SaysWhenAndWhatToDo(string transport)
    {
        var expired = await fixture.SignAgentKeyAsync("expired", [fixture.User], "20200101:20200102", _timeout.Token);
        fixture.AddHosts("expired-cert", $"Host cert-expired\n    HostName 127.0.0.1\n    Port {{target}}\n    IdentityAgent {{agent}}\n    CertificateFile {expired}\n");

        var error = await OpenErrorAsync(transport, "cert-expired");

        Assert.Contains($"the certificate {expired} expired at 2020-01-02", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_CertificateForAnotherPrincipal_SaysWhichItAllows(string transport)
    {
        var other = await fixture.SignAgentKeyAsync("other-principal", ["someone-else"], "-5m:+1h", _timeout.Token);
        fixture.AddHosts("other-cert", $"Host cert-other\n    HostName 127.0.0.1\n    Port {{target}}\n    IdentityAgent {{agent}}\n    CertificateFile {other}\n");

        var error = await OpenErrorAsync(transport, "cert-other");

        Assert.Contains($"principal '{fixture.User}' is not allowed by the certificate {other} (it allows: someone-else)", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_IdentityFileNeedsPassphrase_SaysSoAndWhatToDo(string transport)
    {
        // A key of its own per transport: the cases run side by side.
        var name = $"locked-{transport}";
        await TestKeyPair.GenerateAsync("ed25519", fixture.Config.Root, _timeout.Token, passphrase: "not typed here", keepFiles: true, name: name);
        fixture.AddHosts($"locked-key-{transport}", $"Host needs-passphrase-{transport}\n    HostName 127.0.0.1\n    Port {{target}}\n    IdentityFile {{root}}/{name}\n    IdentityAgent none\n");

        var error = await OpenErrorAsync(transport, $"needs-passphrase-{transport}");

        Assert.Contains($"the private key {fixture.Expand("{root}/" + name)} is encrypted and no passphrase was given; pass passphrase, or ssh-add it to the ssh-agent", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_JumpHostKeyChangedInUserKnownHostsFile_RefusedWithTheFileToEdit(string transport)
    {
        var stale = await TestKeyPair.GenerateAsync("ed25519", fixture.Config.Root, _timeout.Token);
        var knownHosts = fixture.Expand("{root}/stale_known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"[127.0.0.1]:{fixture.Bastion.Port} {stale.PublicKeyLine}\n", _timeout.Token);
        fixture.AddHosts("stale-key", $"Host bastion-stale\n    HostName 127.0.0.1\n    Port {{bastion}}\n    UserKnownHostsFile {knownHosts}\n\nHost prod-via-stale\n    ProxyJump bastion-stale\n    HostName 127.0.0.1\n    Port {{target}}\n");

        var error = await OpenErrorAsync(transport, "prod-via-stale");

        Assert.Contains("through jump host 'bastion-stale'", error, StringComparison.Ordinal);
        Assert.Contains($"Host key for 127.0.0.1:{fixture.Bastion.Port} has changed", error, StringComparison.Ordinal);
        Assert.Contains(knownHosts, error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Open_ConfigSaysStrictHostKeyChecking_UnknownHostRefusedDespiteAcceptNew(string transport)
    {
        fixture.AddHosts("strict", "Host strict-target\n    HostName 127.0.0.1\n    Port {target}\n    IdentityAgent {agent}\n    StrictHostKeyChecking yes\n");

        var error = await OpenErrorAsync(transport, "strict-target");

        Assert.Contains($"Host 127.0.0.1:{fixture.Target.Port} is not known", error, StringComparison.Ordinal);
        Assert.Contains("its ssh_config sets StrictHostKeyChecking yes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ProxyCommandOnSshNet_RefusedNamingTheOpenSshTransport()
    {
        fixture.AddHosts("proxy-command", "Host via-proxy-command\n    HostName 127.0.0.1\n    Port {target}\n    ProxyCommand nc %h %p\n");

        var error = await OpenErrorAsync("sshnet", "via-proxy-command");

        Assert.Contains("'via-proxy-command' is reached through a ProxyCommand in ~/.ssh/config, which the built-in SSH client cannot run. Open it with transport: openssh", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deploy@prod")]
    [InlineData("-oProxyCommand=sh")]
    [InlineData("prod/x")]
    public async Task Open_HostThatIsNotOneName_RefusedBeforeResolving(string host)
    {
        await using var server = await fixture.StartServerAsync();

        var error = await server.CallErrorAsync(ToolNames.Open, RouteTests.Host(host));

        Assert.Contains("host must be a host name, an IP address or an alias from ~/.ssh/config", error, StringComparison.Ordinal);
    }

    /// <param name="withAgent">Offer the fixture's agent to every host (SshMcp:AgentSocket), so that a hop the config gives no credential still has one.</param>
    private async Task<string> OpenErrorAsync(string transport, string alias, bool withAgent = false)
    {
        var settings = RouteTests.Settings(transport);
        if (withAgent)
        {
            settings["SshMcp:AgentSocket"] = fixture.Agent.SocketPath;
        }

        await using var server = await fixture.StartServerAsync(settings);
        return await server.CallErrorAsync(ToolNames.Open, RouteTests.Host(alias));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
