using System.Text.RegularExpressions;

namespace SshMcp.Server.Ssh;

/// <summary>The shapes of what a login asks, one place for every reader of prompts (SSH.NET's and ssh's).</summary>
internal static partial class PromptPatterns
{
    /// <summary>ssh's password prompt (<c>user@host's password: </c>) or a keyboard-interactive prompt that asks for one.</summary>
    [GeneratedRegex(@"password[^:]*:\s*$", RegexOptions.IgnoreCase)]
    public static partial Regex Password();

    /// <summary>ssh's own prompt for a key: <c>Enter passphrase for key '/path': </c>; group 1 is the path.</summary>
    [GeneratedRegex(@"^Enter passphrase for (?:key )?'(.+)':\s*$")]
    public static partial Regex KeyPassphrase();

    /// <summary>How ssh shows a keyboard-interactive prompt: <c>(user@host) TEXT</c>; group 1 is the server's text.</summary>
    [GeneratedRegex(@"^\([^)\s]+\) (.+)$", RegexOptions.Singleline)]
    public static partial Regex SshInteractive();
}
