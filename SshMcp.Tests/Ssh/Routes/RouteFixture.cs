using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Globalization;
using SshMcp.Tests.Infrastructure;
using SshMcp.Tests.Ssh.Config;

namespace SshMcp.Tests.Ssh.Routes;

/// <summary>
/// What <c>ssh prod</c> needs on a real workstation, made of real components on loopback: two bastion sshds that log
/// each forwarded connection (LogLevel DEBUG1) and a target sshd, all trusting only a CA made with <c>ssh-keygen</c>
/// (no authorized_keys anywhere); an ssh-agent holding a key that exists nowhere on disk, certified by that CA; and an
/// ssh config in a private HOME whose hosts come through <c>Include</c>. Aliases: <c>bastion</c>, <c>bastion2</c>,
/// <c>prod</c> (through bastion), <c>prod-chain</c> (bastion, then bastion2), <c>prod-direct</c> (<c>ProxyJump none</c>).
/// Tests add hosts of their own with <see cref="AddHosts"/>.
/// </summary>
public sealed class RouteFixture : IAsyncLifetime
{
    private const string ValidNow = "-5m:+1h";

    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);

    public TestCertificateAuthority Authority { get; private set; } = null!;

    public SshAgentProcess Agent { get; private set; } = null!;

    public SshdFixture Bastion { get; private set; } = null!;

    public SshdFixture SecondBastion { get; private set; } = null!;

    public SshdFixture Target { get; private set; } = null!;

    /// <summary>The certificate of the agent's key, valid now for the test user.</summary>
    public string CertificatePath { get; private set; } = "";

    /// <summary>The agent key's public half (its private half is only in the agent).</summary>
    public string AgentPublicKeyPath => Path.Combine(Config.Root, "agent-key.pub");

    public string User => Target.Username;

    /// <summary>The user's ~/.ssh/config, as <c>SshMcp:SshConfigPath</c> names it.</summary>
    public string ConfigPath => Path.Combine(Config.Home, ".ssh", "config");

    /// <summary>The UserKnownHostsFile every fixture host names (the server's own store is per test server).</summary>
    public string KnownHostsPath => Path.Combine(Config.Root, "known_hosts");

    internal ConfigWorkspace Config { get; } = new();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartBound);
        Authority = await TestCertificateAuthority.CreateAsync(timeout.Token);
        Agent = await SshAgentProcess.StartAsync(timeout.Token);
        Bastion = await StartSshdAsync("DEBUG1");
        SecondBastion = await StartSshdAsync("DEBUG1");
        Target = await StartSshdAsync("VERBOSE");

        var key = await TestKeyPair.GenerateAsync("ed25519", Agent.Directory, timeout.Token);
        await Agent.AddKeyTextAsync(key.PrivateKeyText, timeout.Token);
        await File.WriteAllTextAsync(AgentPublicKeyPath, key.PublicKeyLine + "\n", timeout.Token);
        CertificatePath = await Authority.SignAsync(AgentPublicKeyPath, [User], ValidNow, timeout.Token);
        WriteConfig();
    }

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var sshd in new[] { Target, SecondBastion, Bastion })
            {
                if (sshd is not null)
                {
                    await sshd.DisposeAsync();
                }
            }
        }
        finally
        {
            if (Agent is not null)
            {
                await Agent.DisposeAsync();
            }

            Authority?.Dispose();
            Config.Dispose();
        }
    }

    /// <summary>A server whose ssh_config is the fixture's, with no other credential than what that config names.</summary>
    public Task<McpServerHarness> StartServerAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, Action<HostApplicationBuilder>? configure = null)
    {
        var all = new Dictionary<string, string?> { ["SshMcp:SshConfigPath"] = ConfigPath };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return McpServerHarness.StartAsync(all, services, configure);
    }

    /// <summary>
    /// Adds an included file of host blocks (<c>{root}</c>, <c>{target}</c>, <c>{bastion}</c>, <c>{user}</c>,
    /// <c>{agent}</c> expand). Included before the fixture's shared settings, so its values win.
    /// </summary>
    public void AddHosts(string name, string text) =>
        Config.WithFile($"home/.ssh/config.d/{name}.conf", Expand(text));

    /// <summary>Signs the agent key again, as <c>ssh-keygen -s -n principals -V validity</c>; returns the certificate's path.</summary>
    public async Task<string> SignAgentKeyAsync(string name, IEnumerable<string> principals, string validity, CancellationToken cancellationToken)
    {
        var publicKey = Path.Combine(Config.Root, name + ".pub");
        File.Copy(AgentPublicKeyPath, publicKey, overwrite: true);
        return await Authority.SignAsync(publicKey, principals, validity, cancellationToken);
    }

    public string Expand(string text) => Config.Expand(text)
        .Replace("{target}", Port(Target), StringComparison.Ordinal)
        .Replace("{bastion}", Port(Bastion), StringComparison.Ordinal)
        .Replace("{user}", User, StringComparison.Ordinal)
        .Replace("{agent}", Agent.SocketPath, StringComparison.Ordinal);

    private async Task<SshdFixture> StartSshdAsync(string logLevel)
    {
        var sshd = SshdFixture.Create(new SshdOptions
        {
            Variant = SshdVariant.KeyOnly,
            TrustedUserCAKeys = Authority.PublicKeyPath,
            AuthorizeFixtureKey = false,
            LogLevel = logLevel,
        });
        await sshd.InitializeAsync();
        return sshd;
    }

    private void WriteConfig()
    {
        AddHosts("10-fleet", $"""
            Host bastion
                HostName 127.0.0.1
                Port {Port(Bastion)}

            Host bastion2
                HostName 127.0.0.1
                Port {Port(SecondBastion)}

            Host prod-direct
                ProxyJump none

            Host prod-chain
                ProxyJump bastion,bastion2

            Host prod prod-chain prod-direct
                HostName 127.0.0.1
                Port {Port(Target)}
                ProxyJump bastion
            """);
        Config.WithFile("home/.ssh/config", Expand($"""
            # Hosts live in included files; what follows applies to every host they did not settle.
            Include {Config.Home}/.ssh/config.d/*.conf

            Host bastion* prod*
                IdentityAgent {Agent.SocketPath}
                CertificateFile {CertificatePath}
                UserKnownHostsFile {KnownHostsPath}

            Host *
                User {User}
            """));
    }

    private static string Port(SshdFixture sshd) => sshd.Port.ToString(CultureInfo.InvariantCulture);
}
