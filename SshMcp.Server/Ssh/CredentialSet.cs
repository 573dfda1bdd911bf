using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace SshMcp.Server.Ssh;

/// <summary>
/// Turns what the caller gave into SSH.NET authentication methods, in OpenSSH's order: public keys first, then
/// password (and keyboard-interactive answering the password prompt). Credentials come from the arguments, else the
/// <c>SSH_PRIVATE_KEY</c> environment variable, else the user's default identity files.
/// </summary>
internal sealed class CredentialSet : IDisposable
{
    public const string PrivateKeyVariable = "SSH_PRIVATE_KEY";

    private static readonly string[] DefaultIdentityFiles = ["id_ed25519", "id_ecdsa", "id_rsa"];

    private readonly List<IDisposable> _owned = [];

    private CredentialSet(string username)
    {
        Username = username;
    }

    public string Username { get; }

    public List<AuthenticationMethod> Methods { get; } = [];

    /// <summary>How the methods are described in an error: "public key (privateKey), password".</summary>
    public List<string> Descriptions { get; } = [];

    public static CredentialSet Create(OpenRequest request, Func<string, string?> environment, string? keyDirectory)
    {
        var set = new CredentialSet(request.Username);
        try
        {
            if (!string.IsNullOrEmpty(request.PrivateKey))
            {
                set.AddKey(LoadKeyText(request.PrivateKey, request.Passphrase, "privateKey"), "public key (privateKey)");
            }

            if (!string.IsNullOrEmpty(request.PrivateKeyPath))
            {
                set.AddKey(LoadKeyFile(request.PrivateKeyPath, request.Passphrase), $"public key ({request.PrivateKeyPath})");
            }

            var explicitCredentials = set.Methods.Count > 0 || !string.IsNullOrEmpty(request.Password);
            if (!explicitCredentials && environment(PrivateKeyVariable) is { Length: > 0 } envKey)
            {
                set.AddKey(LoadKeyText(envKey, request.Passphrase, PrivateKeyVariable), $"public key ({PrivateKeyVariable})");
            }

            if (!explicitCredentials && set.Methods.Count == 0 && keyDirectory is not null)
            {
                set.AddDefaultIdentities(keyDirectory, request.Passphrase);
            }

            if (!string.IsNullOrEmpty(request.Password))
            {
                set.AddPassword(request.Password);
            }

            if (set.Methods.Count == 0)
            {
                throw new SshFailureException(
                    SshFailureKind.NoCredentials,
                    $"No credentials for {request}: pass password, privateKey or privateKeyPath, or set {PrivateKeyVariable}, or put a key in ~/.ssh (id_ed25519, id_ecdsa, id_rsa) on the server's machine.");
            }

            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
    }

    private void AddKey(PrivateKeyFile key, string description)
    {
        _owned.Add(key);
        var method = new PrivateKeyAuthenticationMethod(Username, key);
        _owned.Add(method);
        Methods.Add(method);
        Descriptions.Add(description);
    }

    private void AddPassword(string password)
    {
        var passwordMethod = new PasswordAuthenticationMethod(Username, password);
        _owned.Add(passwordMethod);
        Methods.Add(passwordMethod);
        Descriptions.Add("password");

        // Hosts that turn off plain password authentication often still ask for it through keyboard-interactive.
        var interactive = new KeyboardInteractiveAuthenticationMethod(Username);
        interactive.AuthenticationPrompt += (_, e) =>
        {
            foreach (var prompt in e.Prompts)
            {
                prompt.Response = prompt.IsEchoed ? string.Empty : password;
            }
        };
        _owned.Add(interactive);
        Methods.Add(interactive);
        Descriptions.Add("keyboard-interactive");
    }

    private void AddDefaultIdentities(string keyDirectory, string? passphrase)
    {
        foreach (var name in DefaultIdentityFiles)
        {
            var path = Path.Combine(keyDirectory, name);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                AddKey(LoadKeyFile(path, passphrase), $"public key (~/.ssh/{name})");
            }
            catch (SshFailureException)
            {
                // A default key that is encrypted or unreadable is skipped, as OpenSSH skips it without an agent.
            }
        }
    }

    private static PrivateKeyFile LoadKeyFile(string path, string? passphrase)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SshFailureException(SshFailureKind.BadKey, $"Cannot read the private key file {path} on the server's machine: {ex.Message} Check privateKeyPath, or pass the key text as privateKey.");
        }

        return LoadKeyText(text, passphrase, path);
    }

    private static PrivateKeyFile LoadKeyText(string text, string? passphrase, string source)
    {
        try
        {
            return new PrivateKeyFile(new MemoryStream(Encoding.UTF8.GetBytes(text)), string.IsNullOrEmpty(passphrase) ? null : passphrase);
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            throw new SshFailureException(SshFailureKind.BadKey, $"The private key from {source} is encrypted: pass its passphrase.");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new SshFailureException(SshFailureKind.BadKey, $"Wrong passphrase for the private key from {source}.");
        }
        catch (SshException ex) when (ex.Message.Contains("check bytes", StringComparison.OrdinalIgnoreCase))
        {
            throw new SshFailureException(SshFailureKind.BadKey, $"Wrong passphrase for the private key from {source}.");
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or FormatException or NotSupportedException or InvalidOperationException)
        {
            throw new SshFailureException(
                SshFailureKind.BadKey,
                $"The private key from {source} is not in a format that can be read (OpenSSH or PEM; ed25519, ECDSA or RSA). Check that it is the private key, whole, with its BEGIN/END lines.");
        }
    }
}
