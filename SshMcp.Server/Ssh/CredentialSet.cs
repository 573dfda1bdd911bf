using Renci.SshNet;
using Renci.SshNet.Security;
using SshMcp.Server.Ssh.Agent;

namespace SshMcp.Server.Ssh;

/// <summary>
/// Turns what the caller gave and what the server's machine holds into SSH.NET authentication methods, in the
/// order of issue 13: the call's key, then (when the call passes no credential) the config's IdentityFile with its
/// certificate, the ssh-agent, the default identity files and <c>SSH_PRIVATE_KEY</c>; the call's password last,
/// as OpenSSH tries public keys before passwords. What could not be used is kept as problem sentences for the error.
/// </summary>
internal sealed partial class CredentialSet : IDisposable
{
    public const string PrivateKeyVariable = "SSH_PRIVATE_KEY";

    private readonly List<IDisposable> _owned = [];
    private readonly List<(string Source, Certificate Certificate)> _certificates = [];
    private readonly List<string> _problems = [];

    private readonly OpenRequest _request;
    private readonly CancellationToken _cancellation;

    private CredentialSet(OpenRequest request, CancellationToken cancellation)
    {
        Username = request.Target.User;
        _request = request;
        _cancellation = cancellation;
    }

    public string Username { get; }

    public List<AuthenticationMethod> Methods { get; } = [];

    /// <summary>How the methods are described in an error: "public key (privateKey), password".</summary>
    public List<string> Descriptions { get; } = [];

    /// <param name="cancellationToken">
    /// The connect's: it bounds the agent and every question to a person, keyboard-interactive ones included, so it
    /// must stay live until the connect ends.
    /// </param>
    /// <param name="askedPassword">A password a person typed after the server turned out to want one; owned from then on.</param>
    public static async Task<CredentialSet> CreateAsync(OpenRequest request, CredentialContext context, CancellationToken cancellationToken, Secret? askedPassword = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var set = new CredentialSet(request, cancellationToken);
        if (askedPassword is not null)
        {
            set._owned.Add(askedPassword);
        }

        try
        {
            if (!string.IsNullOrEmpty(request.PrivateKey))
            {
                var passphrase = await set.PassphraseAsync(request.PrivateKey, request.Passphrase, "privateKey");
                set.AddKey(PrivateKeyLoader.Load(request.PrivateKey, passphrase, "privateKey"), "public key (privateKey)");
            }

            if (!string.IsNullOrEmpty(request.PrivateKeyPath))
            {
                var text = PrivateKeyLoader.ReadFile(request.PrivateKeyPath);
                var passphrase = await set.PassphraseAsync(text, request.Passphrase, request.PrivateKeyPath);
                set.AddKeyFile(request.PrivateKeyPath, text, passphrase, $"public key ({request.PrivateKeyPath})", []);
            }

            if (set.Methods.Count == 0 && string.IsNullOrEmpty(request.Password))
            {
                await set.AddDiscoveredAsync(request, context, cancellationToken);
            }

            set.AddPasswordAndPrompts(request.Password, askedPassword);
            if (set.Methods.Count == 0)
            {
                throw new SshFailureException(SshFailureKind.NoCredentials, CredentialMessages.NoCredentials(request, set._problems));
            }

            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What the local side can tell after the server refused every method ("Permission denied" says nothing more):
    /// a certificate that expired or does not allow the user, keys that were skipped, an agent that did not answer.
    /// Null when there is nothing to add.
    /// </summary>
    public string? ExplainRefusal(DateTimeOffset now)
    {
        var sentences = new List<string>();
        foreach (var (source, certificate) in _certificates)
        {
            sentences.Add(CredentialMessages.CertificateProblem(source, certificate, Username, now)
                ?? CredentialMessages.CertificateNotTrusted(source, Username));
        }

        sentences.AddRange(_problems);
        return sentences.Count == 0 ? null : CredentialMessages.Sentences(sentences);
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
    }

    private void Add(AuthenticationMethod method, string description)
    {
        _owned.Add(method);
        Methods.Add(method);
        Descriptions.Add(description);
    }

    private void AddKey(PrivateKeyFile key, string description)
    {
        _owned.Add(key);
        Add(new PrivateKeyAuthenticationMethod(Username, key), description);
    }

    /// <summary>A key file, with its certificate when one is found: <c>KEY-cert.pub</c> beside it, or one of <paramref name="certificateFiles"/>.</summary>
    private void AddKeyFile(string path, string text, string? passphrase, string description, IReadOnlyList<string> certificateFiles)
    {
        var key = PrivateKeyLoader.Load(text, passphrase, path);
        foreach (var certificatePath in certificateFiles.Prepend(path + "-cert.pub"))
        {
            if (PublicKeyFile.TryRead(certificatePath) is { } blob && TryParseCertificate(blob) is { } certificate
                && PrivateKeyLoader.Certifies(certificate, key))
            {
                key.Dispose();
                key = PrivateKeyLoader.Load(text, passphrase, path, $"{certificate.Name} {Convert.ToBase64String(blob)}");
                _certificates.Add((certificatePath, certificate));
                description = $"certificate ({certificatePath}) and {description}";
                break;
            }
        }

        AddKey(key, description);
    }

    /// <summary>SSH.NET's reading of a certificate blob, or null for one it cannot parse (a key, an unknown type).</summary>
    private static Certificate? TryParseCertificate(byte[] blob)
    {
        try
        {
            return new Certificate(blob);
        }
#pragma warning disable CA1031 // A certificate that cannot be parsed is ignored, as OpenSSH ignores it.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
