using SshMcp.Server.Ssh;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// What the master asks through SSH_ASKPASS that the call did not answer, put to a person through the request's <see
/// cref="ISecretPrompter"/> (see Elicitation/), as SSH.NET's side does for the target (never for a jump host: see <see
/// cref="HelperAnswers"/>): the password, a key's passphrase, a keyboard-interactive prompt such as a one-time code.
/// Each distinct prompt is asked once; ssh asking it again means the answer was wrong, and it is refused so the login
/// fails as with a wrong password given in the call. A person who declines, dismisses or does not answer ends the open
/// with that reason (<see cref="Failure"/>).
/// </summary>
internal sealed class PersonPrompts(ISecretPrompter? prompter, string user, string host, int port)
{
    private static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);
    private SshFailureException? _failure;

    /// <summary>Why a person gave no answer, once one did not; the open fails with it.</summary>
    public SshFailureException? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <summary>The person's answer to <paramref name="prompt"/>, or null when nobody can or may be asked.</summary>
    public async Task<string?> AskAsync(string prompt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (prompter is null || _failure is not null || !_asked.Add(prompt))
            {
                return null;
            }
        }

        // ssh shows a keyboard-interactive prompt as "(user@host) TEXT", its password method as "user@host's password: ".
        var interactive = PromptPatterns.SshInteractive().Match(prompt);
        var (kind, text) = interactive.Success ? (SecretKind.Interactive, interactive.Groups[1].Value)
            : PromptPatterns.KeyPassphrase().IsMatch(prompt) ? (SecretKind.Passphrase, prompt)
            : PromptPatterns.Password().IsMatch(prompt) ? (SecretKind.Password, prompt)
            : (SecretKind.Interactive, prompt);
        try
        {
            var question = new SecretPrompt(kind, user, host, port, SecretPrompt.Clean(text));
            try
            {
                // The prompter bounds its own wait; this bound only keeps a prompter that failed to from holding ssh.
                using var secret = await prompter.AskAsync(question, cancellationToken).WaitAsync(prompter.AnswerBound + AnswerMargin, cancellationToken);
                return secret.Reveal();
            }
            catch (TimeoutException)
            {
                throw Failures.SecretTimedOut(question, prompter.AnswerBound);
            }
        }
        catch (SshFailureException failure) when (failure.Kind == SshFailureKind.SecretNotGiven)
        {
            lock (_gate)
            {
                _failure ??= failure;
            }

            return null;
        }
    }
}
