using System.Collections.Concurrent;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace SshMcp.Tests.Infrastructure;

public sealed class KeyboardInteractiveSshdFixtureTests(KeyboardInteractiveSshdFixture sshd)
    : IClassFixture<KeyboardInteractiveSshdFixture>
{
    [Fact]
    public async Task PasswordMethod_OnKeyboardInteractiveOnlyServer_ThrowsSshAuthenticationException()
    {
        var error = await Assert.ThrowsAsync<SshAuthenticationException>(() => SshTestClient.ConnectWithPasswordAsync(sshd));

        Assert.Contains("keyboard-interactive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyboardInteractive_AnsweringPasswordPrompt_RunsAsTestUser()
    {
        var prompts = new ConcurrentQueue<string>();
        using var method = new KeyboardInteractiveAuthenticationMethod(sshd.Username);
        method.AuthenticationPrompt += (_, e) =>
        {
            foreach (var prompt in e.Prompts)
            {
                prompts.Enqueue(prompt.Request);
                prompt.Response = sshd.Password;
            }
        };

        using var client = await SshTestClient.ConnectAsync(sshd, method);

        Assert.Equal(sshd.Username, (await SshTestClient.RunAsync(client, "id -un")).Trim());
        Assert.Contains("Password: ", prompts);
    }
}
