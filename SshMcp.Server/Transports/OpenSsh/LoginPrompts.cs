using SshMcp.Server.Ssh;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// Answers what the master asks through SSH_ASKPASS while it logs in, from what the call gave (a jump host's ssh is
/// never answered from here: see <see cref="HelperAnswers"/>): the password for ssh's password prompt and the first
/// keyboard-interactive prompt that asks for one, the passphrase for a key's prompt. Each is given once; anything else
/// (a one-time code, a PIN, a second try) is refused at once, so ssh moves on instead of waiting, and the prompt is
/// kept for the error (and for asking a person, later). Thread-safe.
/// </summary>
internal sealed class LoginPrompts(string? password, string? passphrase, IReadOnlyDictionary<string, string> keySources)
{
    private const int MaxPromptLength = 120;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _keysAnswered = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private readonly List<string> _unanswered = [];
    private bool _passwordAnswered;

    /// <summary>Prompts that could not be answered, as ssh showed them (control characters removed, shortened).</summary>
    public IReadOnlyList<string> Unanswered
    {
        get
        {
            lock (_gate)
            {
                return [.. _unanswered];
            }
        }
    }

    /// <summary>What was refused, as sentences for the error (see <see cref="CredentialMessages"/>).</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_gate)
            {
                return [.. _problems];
            }
        }
    }

    public string? Answer(string prompt)
    {
        lock (_gate)
        {
            if (PromptPatterns.KeyPassphrase().Match(prompt) is { Success: true } key)
            {
                return AnswerPassphrase(key.Groups[1].Value);
            }

            if (PromptPatterns.Password().IsMatch(prompt) && password is not null && !_passwordAnswered)
            {
                _passwordAnswered = true;
                return password;
            }

            var shown = Clean(prompt);
            _unanswered.Add(shown);
            if (!PromptPatterns.Password().IsMatch(prompt) || password is null)
            {
                _problems.Add(CredentialMessages.PromptUnanswered(shown));
            }

            return null;
        }
    }

    private string? AnswerPassphrase(string path)
    {
        var source = keySources.TryGetValue(path, out var named) ? named : path;
        if (passphrase is null)
        {
            _problems.Add(keySources.ContainsKey(path) ? CredentialMessages.KeyEncrypted(source) : CredentialMessages.IdentityEncrypted(path));
            return null;
        }

        // ssh asks once per key when the first answer works; a second ask means the passphrase was wrong.
        if (!_keysAnswered.Add(path))
        {
            _problems.Add(CredentialMessages.WrongPassphrase(source));
            return null;
        }

        return passphrase;
    }

    private static string Clean(string prompt)
    {
        var text = new string([.. prompt.Where(c => !char.IsControl(c))]).Trim();
        return text.Length > MaxPromptLength ? text[..MaxPromptLength] + "…" : text;
    }
}
