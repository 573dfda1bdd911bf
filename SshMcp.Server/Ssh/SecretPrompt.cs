using System.Globalization;

namespace SshMcp.Server.Ssh;

/// <summary>
/// One question for a person: what is asked, for which login, in the words the server used. Holds no secret; the text
/// comes from the SSH server (a keyboard-interactive prompt) or from us, and is shown HTML-encoded, never logged.
/// </summary>
/// <param name="Text">What the server asked (<c>Password: </c>, <c>Verification code: </c>), or our wording.</param>
/// <param name="Echo">True when the server lets the answer be shown as it is typed (a user name, not a code).</param>
internal sealed record SecretPrompt(SecretKind Kind, string Username, string Host, int Port, string Text, bool Echo = false)
{
    private const int MaxTextLength = 500;

    /// <summary><c>user@host:port</c>, as the failures name a login.</summary>
    public string Target => string.Create(CultureInfo.InvariantCulture, $"{Username}@{Host}:{Port}");

    /// <summary>How messages name the answer: "password", "key passphrase", "answer to a login prompt".</summary>
    public string What => Kind switch
    {
        SecretKind.Password => "password",
        SecretKind.Passphrase => "key passphrase",
        _ => "answer to a login prompt",
    };

    /// <summary>A prompt as the server sent it, without control characters (line breaks kept) and bounded in length.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new string([.. text.Where(c => c == '\n' || !char.IsControl(c))]).Trim();
        return kept.Length <= MaxTextLength ? kept : kept[..MaxTextLength] + "…";
    }
}
