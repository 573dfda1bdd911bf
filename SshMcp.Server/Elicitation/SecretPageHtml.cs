using System.Globalization;
using System.Text.Encodings.Web;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// The secret page's HTML: plain forms, no script, every value from the server or the SSH host HTML-encoded. The form
/// posts to the page's own address, whose id is the capability.
/// </summary>
internal static class SecretPageHtml
{
    private const string Style =
        "body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}" +
        "pre{white-space:pre-wrap;background:#f3f3f3;padding:.5rem .75rem;border-radius:4px}" +
        "input{font:inherit;width:100%;box-sizing:border-box;padding:.4rem;margin:.25rem 0 1rem}" +
        "button{font:inherit;padding:.4rem 1rem;margin-right:.5rem}.note{color:#555;font-size:.9rem}.error{color:#a00}";

    public static string Form(PendingSecret pending, string? error = null)
    {
        var prompt = pending.Prompt;
        var (label, autocomplete) = prompt.Kind switch
        {
            SecretKind.Password => ("Password", "current-password"),
            SecretKind.Passphrase => ("Passphrase", "off"),
            _ => ("Answer", "one-time-code"),
        };
        var asked = prompt.Kind == SecretKind.Interactive
            ? $"<p>The server asks:</p><pre>{E(prompt.Text)}</pre>"
            : prompt.Kind == SecretKind.Passphrase ? $"<p>{E(prompt.Text)}.</p>" : "";
        var body =
            $"<h1>SSH login</h1>" +
            $"<p>Logging in as <b>{E(prompt.Username)}</b> to <b>{E(prompt.Host)}</b> port <b>{prompt.Port.ToString(CultureInfo.InvariantCulture)}</b> needs your <b>{E(prompt.What)}</b>.</p>" +
            asked +
            (error is null ? "" : $"<p class=\"error\">{E(error)}</p>") +
            "<form method=\"post\" autocomplete=\"off\">" +
            $"<label for=\"secret\">{label}</label>" +
            $"<input id=\"secret\" name=\"{SecretForm.SecretField}\" type=\"{(prompt.Echo ? "text" : "password")}\" autocomplete=\"{autocomplete}\" autofocus>" +
            $"<button type=\"submit\" name=\"{SecretForm.ActionField}\" value=\"send\">Send to the SSH server</button>" +
            $"<button type=\"submit\" name=\"{SecretForm.ActionField}\" value=\"{SecretForm.CancelAction}\">Cancel the login</button>" +
            "</form>" +
            $"<p class=\"note\">What you type goes to the SSH MCP server only: not to the AI model, not into the chat. " +
            $"This page works once, until {pending.ExpiresAt.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC.</p>";
        return Page($"SSH login to {prompt.Host}", body);
    }

    public static string Sent() =>
        Page("Sent", "<h1>Sent</h1><p>The SSH MCP server has it and goes on with the login. You can close this tab and return to your AI client.</p>");

    public static string Cancelled() =>
        Page("Cancelled", "<h1>Login cancelled</h1><p>Nothing was sent. You can close this tab.</p>");

    public static string NotFound() =>
        Page("Link expired", "<h1>This link no longer works</h1><p>It was used already, or it expired. Ask your AI client to run <code>ssh_open</code> again for a new one.</p>");

    public static string Refused(string why) =>
        Page("Refused", $"<h1>Refused</h1><p>{E(why)}</p>");

    private static string Page(string title, string body) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"referrer\" content=\"no-referrer\">" +
        $"<title>{E(title)}</title><style>{Style}</style></head><body>{body}</body></html>";

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
