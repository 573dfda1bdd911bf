using System.Globalization;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh.Routes;

/// <summary>
/// A jump host that lets the test user in by password only (its authorized_keys is empty) and a target that takes
/// the password or the fixture's key. The test user is one Unix user, so both know the same password: a call's
/// password for the target would also open the jump host. Aliases in <see cref="ConfigPath"/>: <c>pw-jump</c> (offers
/// the target's key, which it does not authorize), <c>via-pw-jump</c> (the target through it), <c>pw-direct</c> (the
/// target, no jump), <c>key-jump</c> (the target's own sshd as a jump host, by key) and <c>via-key-jump</c>.
/// </summary>
public sealed class PasswordJumpFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sshmcp-pwjump-").FullName;

    public SshdFixture Jump { get; } = SshdFixture.Create(new SshdOptions { AuthorizeFixtureKey = false });

    public SshdFixture Target { get; } = SshdFixture.Create(new SshdOptions());

    public string ConfigPath => Path.Combine(_dir, "ssh_config");

    public async Task InitializeAsync()
    {
        await Jump.InitializeAsync();
        await Target.InitializeAsync();
        await File.WriteAllTextAsync(ConfigPath, string.Create(CultureInfo.InvariantCulture, $"""
            Host pw-jump
                HostName 127.0.0.1
                Port {Jump.Port}
            Host key-jump
                HostName 127.0.0.1
                Port {Target.Port}
            Host via-pw-jump
                ProxyJump pw-jump
            Host via-key-jump
                ProxyJump key-jump
            Host via-pw-jump via-key-jump pw-direct
                HostName 127.0.0.1
                Port {Target.Port}
            Host *
                User {Target.Username}
                IdentityFile {Target.PrivateKeyPath}
                IdentitiesOnly yes

            """));
    }

    public async Task DisposeAsync()
    {
        await Target.DisposeAsync();
        await Jump.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
