using SshMcp.Server.Transports.OpenSsh;

namespace SshMcp.Tests.Transports.OpenSsh;

/// <summary>What ssh asks through SSH_ASKPASS, and what the call's credentials answer.</summary>
public sealed class LoginPromptsTests
{
    private static readonly Dictionary<string, string> InlineKey = new() { ["/run/sshmcp-x/k"] = "privateKey" };

    [Fact]
    public void Answer_PasswordPromptThenKeyboardInteractive_PasswordGivenOnce()
    {
        var prompts = new LoginPrompts("pw", null, InlineKey);

        Assert.Equal("pw", prompts.Answer("deploy@10.0.0.5's password: "));
        Assert.Null(prompts.Answer("(deploy@10.0.0.5) Password: "));
        Assert.Empty(prompts.Problems);
    }

    [Fact]
    public void Answer_OneTimeCodeAfterThePassword_RefusedAndKeptForTheError()
    {
        var prompts = new LoginPrompts("pw", null, InlineKey);

        Assert.Equal("pw", prompts.Answer("(deploy@h) Password: "));
        Assert.Null(prompts.Answer("(deploy@h) Verification code: "));

        Assert.Equal(["(deploy@h) Verification code:"], prompts.Unanswered);
        Assert.Contains("'(deploy@h) Verification code:'", Assert.Single(prompts.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_KeyPassphraseNotGiven_RefusedWithTheKeysSource()
    {
        var prompts = new LoginPrompts(null, null, InlineKey);

        Assert.Null(prompts.Answer("Enter passphrase for key '/run/sshmcp-x/k': "));

        Assert.Equal("The private key from privateKey is encrypted: pass its passphrase.", Assert.Single(prompts.Problems));
    }

    [Fact]
    public void Answer_PassphraseAskedTwiceForOneKey_SecondIsRefusedAsWrong()
    {
        var prompts = new LoginPrompts(null, "phrase", InlineKey);

        Assert.Equal("phrase", prompts.Answer("Enter passphrase for key '/run/sshmcp-x/k': "));
        Assert.Null(prompts.Answer("Enter passphrase for key '/run/sshmcp-x/k': "));

        Assert.Equal("Wrong passphrase for the private key from privateKey.", Assert.Single(prompts.Problems));
    }

    [Fact]
    public void Answer_ConfigIdentityNeedsAPassphrase_SaysToPassItOrUseTheAgent()
    {
        var prompts = new LoginPrompts("pw", null, InlineKey);

        Assert.Null(prompts.Answer("Enter passphrase for key '/home/u/.ssh/id_ed25519': "));

        Assert.Contains("/home/u/.ssh/id_ed25519 is encrypted", Assert.Single(prompts.Problems), StringComparison.Ordinal);
    }
}
