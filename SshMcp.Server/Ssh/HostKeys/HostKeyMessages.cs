using System.Globalization;

namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>
/// The refusal texts. Each names the host, the fingerprints and the file involved, and says what to do next.
/// They carry no exception detail beyond a system error message and no secrets (there are none here).
/// </summary>
internal static class HostKeyMessages
{
    private const int MaxEchoedLength = 80;

    public static string Changed(string host, int port, string fingerprint, string keyType, IReadOnlyList<KnownHostEntry> known)
    {
        // Name the entry of the presented key's type when there is one: that is the key that was replaced.
        var offending = known.FirstOrDefault(e => e.KeyType == keyType) ?? known[0];
        var others = known.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $" ({known.Count - 1} more known keys for this host)")
            : string.Empty;
        var removals = string.Join("; ", known.Select(e => e.FilePath).Distinct(StringComparer.Ordinal)
            .Select(file => $"ssh-keygen -R {Quote(KnownHostName.LookupName(host, port))} -f {Quote(file)}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"Host key for {KnownHostName.Display(host, port)} has changed: known {offending.Fingerprint} ({offending.KeyType}, in {offending.FilePath} line {offending.LineNumber}){others}, presented {fingerprint} ({keyType}). This can mean someone is intercepting the connection. If the host was re-keyed, remove the old entry ({removals}) or pin the new key with hostKeyFingerprint.");
    }

    public static string Revoked(string host, int port, string fingerprint, string keyType, KnownHostEntry revoked) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Host key {fingerprint} ({keyType}) presented by {KnownHostName.Display(host, port)} is marked @revoked in {revoked.FilePath} line {revoked.LineNumber} and is never accepted, pinned or not. Ask the host's administrator which key the host should have now.");

    /// <param name="whyStrict">What made the check strict: "SshMcp:HostKeyPolicy is strict", or the host's config.</param>
    public static string UnknownUnderStrict(string host, int port, string fingerprint, string keyType, IEnumerable<string> files, string whyStrict)
    {
        var scan = port == 22 ? $"ssh-keyscan {host}" : string.Create(CultureInfo.InvariantCulture, $"ssh-keyscan -p {port} {host}");
        return string.Create(CultureInfo.InvariantCulture,
            $"Host {KnownHostName.Display(host, port)} is not known (looked in {string.Join(", ", files)}) and {whyStrict}. It presented {fingerprint} ({keyType}). To trust it, add its key to known_hosts ({scan} >> ~/.ssh/known_hosts, after checking the fingerprint with the host's administrator), pass a confirmed hostKeyFingerprint, or set SshMcp:HostKeyPolicy=accept-new.");
    }

    public static string PinMismatch(string host, int port, string pinned, string fingerprint, string keyType) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Host key for {KnownHostName.Display(host, port)} does not match hostKeyFingerprint: expected {pinned}, presented {fingerprint} ({keyType}). This can mean someone is intercepting the connection, or the pinned value is out of date.");

    public static string PinMalformed(string pinned) =>
        $"hostKeyFingerprint '{Shorten(pinned)}' is not a SHA256 fingerprint. Pass it as 'ssh-keygen -lf' prints it: SHA256: followed by 43 base64 characters.";

    public static string Unreadable(string path, Exception exception) =>
        $"Cannot read the known hosts file {path} ({exception.Message}), so the host key cannot be checked. Fix the file or its permissions, or configure another path.";

    public static string MalformedKey(string host, int port) =>
        $"{KnownHostName.Display(host, port)} presented a host key that is not a valid SSH public key; the connection was refused.";

    public static string InvalidHost(string host) =>
        $"'{Shorten(host)}' is not a valid host name for host key checking: it is empty, too long, or contains spaces, control characters or one of , * ? ! [ ] | # @ quotes or backslash.";

    /// <summary>Echoes a caller's value without letting a huge one flood the agent's context.</summary>
    private static string Shorten(string text) => text.Length > MaxEchoedLength ? text[..MaxEchoedLength] + "…" : text;

    /// <summary>Single quotes for a shell when the text holds anything but plain path or host characters.</summary>
    private static string Quote(string text) =>
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '~')
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
