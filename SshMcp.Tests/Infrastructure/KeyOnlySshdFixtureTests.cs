using Renci.SshNet;
using Renci.SshNet.Common;

namespace SshMcp.Tests.Infrastructure;

public sealed class KeyOnlySshdFixtureTests(KeyOnlySshdFixture sshd) : IClassFixture<KeyOnlySshdFixture>
{
    [Fact]
    public async Task PasswordMethod_OnKeyOnlyServer_ThrowsSshAuthenticationException()
    {
        var error = await Assert.ThrowsAsync<SshAuthenticationException>(() => SshTestClient.ConnectWithPasswordAsync(sshd));

        Assert.Contains("publickey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyLogin_WithPrivateKeyPath_RunsAsTestUser()
    {
        using var key = new PrivateKeyFile(sshd.PrivateKeyPath);
        using var client = await SshTestClient.ConnectAsync(sshd, new PrivateKeyAuthenticationMethod(sshd.Username, key));

        Assert.Equal(sshd.Username, (await SshTestClient.RunAsync(client, "id -un")).Trim());
    }
}
