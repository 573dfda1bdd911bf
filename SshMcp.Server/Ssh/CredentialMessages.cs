using System.Globalization;
using Renci.SshNet.Security;
using SshMcp.Server.Ssh.Agent;

namespace SshMcp.Server.Ssh;

/// <summary>
/// Every agent-facing message about credentials: keys, passphrases, the ssh-agent and certificates. Each says what
/// failed and what to do next, and never carries a secret. The sibling of <see cref="Failures"/>.
/// </summary>
internal static class CredentialMessages
{
    private const string PassCredentials = "pass password, privateKey or privateKeyPath";

    public static string NoCredentials(OpenRequest request, IReadOnlyList<string> problems) =>
        problems.Count == 0
            ? $"No credentials for {request}: {PassCredentials}, or load a key into an ssh-agent ({AgentLocation.AuthSocketVariable}), or set {CredentialSet.PrivateKeyVariable}, or put a key in ~/.ssh (id_ed25519, id_ecdsa, id_rsa) on the server's machine."
            : $"No credentials for {request}. {Sentences(problems)} Or {PassCredentials}.";

    public static string AgentEmpty(AgentLocation agent) =>
        $"the ssh-agent at {agent} has no keys; ssh-add one.";

    public static string AgentUnreachable(AgentLocation agent, SshAgentException failure) =>
        $"the ssh-agent at {agent} is unreachable ({Reason(failure)}); start ssh-agent and ssh-add a key, or point {agent.Origin} at a running agent.";

    public static string AgentSignFailed(string socketPath, SshAgentException failure) =>
        $"The ssh-agent at {socketPath} did not sign ({Reason(failure)}). Check that it still runs and holds the key (ssh-add -l), confirm the key's use if the agent asks, or {PassCredentials}.";

    public static string KeyFileUnreadable(string path, string reason) =>
        $"Cannot read the private key file {path} on the server's machine: {reason} Check privateKeyPath, or pass the key text as privateKey.";

    public static string KeyEncrypted(string source) =>
        $"The private key from {source} is encrypted: pass its passphrase.";

    /// <summary>An identity file that would need a passphrase nobody can type: skipped, as OpenSSH without a terminal would.</summary>
    public static string IdentityEncrypted(string path) =>
        $"the private key {path} is encrypted and no passphrase was given; pass passphrase, or ssh-add it to the ssh-agent.";

    /// <summary>A prompt ssh showed during login that the call's credentials cannot answer (a one-time code, a PIN).</summary>
    public static string PromptUnanswered(string prompt) =>
        $"the login asked '{prompt}', which this call cannot answer; use a key or an ssh-agent for this host, or pass the password it asks for.";

    public static string WrongPassphrase(string source) =>
        $"Wrong passphrase for the private key from {source}.";

    public static string KeyFormat(string source) =>
        $"The private key from {source} is not in a format that can be read (OpenSSH or PEM; ed25519, ECDSA or RSA). Check that it is the private key, whole, with its BEGIN/END lines.";

    /// <summary>Why a user certificate cannot log in as <paramref name="username"/> now, or null when it looks fit.</summary>
    public static string? CertificateProblem(string source, Certificate certificate, string username, DateTimeOffset now)
    {
        if (certificate.Type != Certificate.CertificateType.User)
        {
            return $"the certificate {source} is a host certificate, not a user certificate; use a user certificate (ssh-keygen -s without -h).";
        }

        if (now < certificate.ValidAfter)
        {
            return $"the certificate {source} is not valid before {Time(certificate.ValidAfter)} (now {Time(now)}); check the clocks, or get a certificate valid now.";
        }

        if (now >= certificate.ValidBefore)
        {
            return $"the certificate {source} expired at {Time(certificate.ValidBefore)}; get a new one from your certificate authority.";
        }

        if (certificate.ValidPrincipals.Count == 0)
        {
            return $"the certificate {source} lists no principals, which sshd refuses; get one issued for '{username}'.";
        }

        return certificate.ValidPrincipals.Contains(username)
            ? null
            : $"principal '{username}' is not allowed by the certificate {source} (it allows: {string.Join(", ", certificate.ValidPrincipals)}); log in as one of those, or get a certificate for '{username}'.";
    }

    /// <summary>A certificate that looks fit was refused: the server does not trust its authority, or maps principals otherwise.</summary>
    public static string CertificateNotTrusted(string source, string username) =>
        $"the certificate {source} is valid now for '{username}', so the server may not trust its certificate authority (TrustedUserCAKeys) or may restrict principals (AuthorizedPrincipalsFile).";

    /// <summary>Problem sentences, each capitalized, joined into one text.</summary>
    public static string Sentences(IEnumerable<string> problems) =>
        string.Join(" ", problems.Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Reason(SshAgentException failure) => failure.Failure switch
    {
        SshAgentFailure.Unreachable => failure.InnerException is System.Net.Sockets.SocketException socket ? SocketReason(socket) : "cannot connect",
        SshAgentFailure.Timeout => "no answer in time",
        SshAgentFailure.Refused => "it refused the request",
        _ => "it did not speak the agent protocol",
    };

    private static string SocketReason(System.Net.Sockets.SocketException socket) => socket.SocketErrorCode switch
    {
        System.Net.Sockets.SocketError.AddressNotAvailable => "no socket at that path",
        System.Net.Sockets.SocketError.ConnectionRefused => "no agent listens on that socket",
        System.Net.Sockets.SocketError.AccessDenied => "permission denied",
        _ => socket.SocketErrorCode.ToString(),
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
}
