using Renci.SshNet;

namespace SshMcp.Server.Ssh;

/// <summary>
/// Passwords, and the secrets a person is asked for when the call did not give them (see <see cref="ISecretPrompter"/>):
/// the passphrase of the call's encrypted key, and every keyboard-interactive prompt the call's password does not
/// answer. Secrets a person typed are owned here and zeroed when the set is disposed, after the connect.
/// </summary>
internal sealed partial class CredentialSet
{
    /// <summary>True once a keyboard-interactive prompt was put to a person (a second login must not ask again).</summary>
    public bool AskedInteractively { get; private set; }

    /// <summary>
    /// The passphrase to load a key with: the call's; none for a key that needs none; for an encrypted key the call
    /// gave none for, a person's answer when someone can be asked (else the load fails as it always did).
    /// </summary>
    private async Task<string?> PassphraseAsync(string keyText, string? given, string source)
    {
        if (given is not null || _request.Prompter is not { } prompter)
        {
            return given;
        }

        try
        {
            PrivateKeyLoader.Load(keyText, null, source).Dispose();
            return null;
        }
        catch (SshFailureException ex) when (PrivateKeyLoader.NeedsPassphrase(ex))
        {
            var secret = await prompter.AskAsync(Prompt(SecretKind.Passphrase, $"Passphrase for the private key from {source}", echo: false), _cancellation);
            _owned.Add(secret);
            return secret.Reveal();
        }
    }

    /// <summary>
    /// The password method and keyboard-interactive (hosts that turn plain passwords off often still ask for one
    /// through it). Without a person to ask, every hidden prompt gets the call's password, as before; with one, the
    /// password answers the first prompt that asks for a password and the person answers the rest, each on its own.
    /// </summary>
    private void AddPasswordAndPrompts(string? callPassword, Secret? askedPassword)
    {
        Func<string>? password = null;
        if (!string.IsNullOrEmpty(callPassword))
        {
            Add(new PasswordAuthenticationMethod(Username, callPassword), "password");
            password = () => callPassword;
        }
        else if (askedPassword is not null)
        {
            Add(new PasswordAuthenticationMethod(Username, askedPassword.Utf8), "password");
            password = askedPassword.Reveal;
        }

        var prompter = _request.Prompter;
        if (password is null && prompter is null)
        {
            return;
        }

        var interactive = new KeyboardInteractiveAuthenticationMethod(Username);
        var passwordUsed = false;
        interactive.AuthenticationPrompt += (_, e) =>
        {
            foreach (var prompt in e.Prompts)
            {
                if (prompter is null)
                {
                    prompt.Response = prompt.IsEchoed ? string.Empty : password!();
                }
                else if (password is not null && !passwordUsed && !prompt.IsEchoed && PromptPatterns.Password().IsMatch(prompt.Request))
                {
                    passwordUsed = true;
                    prompt.Response = password();
                }
                else
                {
                    var text = string.IsNullOrWhiteSpace(e.Instruction) ? prompt.Request : e.Instruction.TrimEnd() + "\n" + prompt.Request;
                    prompt.Response = AskWhileSshNetWaits(prompter, Prompt(SecretKind.Interactive, SecretPrompt.Clean(text), prompt.IsEchoed));
                }
            }
        };
        if (prompter is null)
        {
            Add(interactive, "keyboard-interactive");
            return;
        }

        // Not disposed with the set: SSH.NET runs the prompt handler on a thread of its own and, when it throws, signals
        // a wait handle that Dispose nulls, which would crash the process from that thread if a connect given up on
        // (its deadline, its caller) is disposed while a person is still being asked. The handle is left to the GC.
        Methods.Add(interactive);
        Descriptions.Add("keyboard-interactive");
    }

    /// <summary>
    /// SSH.NET raises AuthenticationPrompt on a thread-pool thread of its own and sends whatever the handler left in
    /// Response when it returns, so a person's answer can only be waited for by blocking that thread. The wait is
    /// bounded twice: by the prompter's own bound and by the connect's cancellation (its caller, or the login being
    /// abandoned), either of which ends the login with that failure.
    /// </summary>
    private string AskWhileSshNetWaits(ISecretPrompter prompter, SecretPrompt prompt)
    {
        AskedInteractively = true;
        var asked = prompter.AskAsync(prompt, _cancellation).WaitAsync(prompter.AnswerBound + AnswerMargin, _cancellation);
        using var secret = asked.GetAwaiter().GetResult();
        return secret.Reveal();
    }

    private SecretPrompt Prompt(SecretKind kind, string text, bool echo) =>
        new(kind, Username, _request.Target.HostName, _request.Target.Port, text, echo);

    private static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(5);
}
