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

    private CredentialSet(string username)
    {
        Username = username;
    }

    public string Username { get; }

    public List<AuthenticationMethod> Methods { get; } = [];

    /// <summary>How the methods are described in an error: "public key (privateKey), password".</summary>
    public List<string> Descriptions { get; } = [];

    public static async Task<CredentialSet> CreateAsync(OpenRequest request, CredentialContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var set = new CredentialSet(request.Target.User);
        try
        {
            if (!string.IsNullOrEmpty(request.PrivateKey))
            {
                set.AddKey(PrivateKeyLoader.Load(request.PrivateKey, request.Passphrase, "privateKey"), "public key (privateKey)");
            }

            if (!string.IsNullOrEmpty(request.PrivateKeyPath))
            {
                set.AddKeyFile(request.PrivateKeyPath, request.Passphrase, $"public key ({request.PrivateKeyPath})", []);
            }

            if (set.Methods.Count == 0 && string.IsNullOrEmpty(request.Password))
            {
                await set.AddDiscoveredAsync(request, context, cancellationToken);
            }

            if (!string.IsNullOrEmpty(request.Password))
            {
                set.AddPassword(request.Password);
            }

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
    private void AddKeyFile(string path, string? passphrase, string description, IReadOnlyList<string> certificateFiles)
    {
        var text = PrivateKeyLoader.ReadFile(path);
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

    private void AddPassword(string password)
    {
        Add(new PasswordAuthenticationMethod(Username, password), "password");

        // Hosts that turn off plain password authentication often still ask for it through keyboard-interactive.
        var interactive = new KeyboardInteractiveAuthenticationMethod(Username);
        interactive.AuthenticationPrompt += (_, e) =>
        {
            foreach (var prompt in e.Prompts)
            {
                prompt.Response = prompt.IsEchoed ? string.Empty : password;
            }
        };
        Add(interactive, "keyboard-interactive");
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
