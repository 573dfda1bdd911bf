using System.Text;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// What the call (or <c>SSH_PRIVATE_KEY</c>) adds to ssh's own credentials, without a secret ever in argv or an
/// environment: a key given as text goes into a 0600 file in the session's private directory for the login only
/// (<see cref="Forget"/> deletes it once the master is up), a password and a passphrase are answered through the
/// helper (<see cref="LoginPrompts"/>). As on SSH.NET, the call's credentials are the only ones tried when it gives
/// any; without them ssh's own order applies (config, agent, default files), then <c>SSH_PRIVATE_KEY</c>.
/// </summary>
internal sealed class CallCredentials
{
    /// <summary>OpenSSH's default identity files, listed when <c>SSH_PRIVATE_KEY</c> must come after them.</summary>
    private static readonly string[] OpenSshDefaults = ["~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ecdsa_sk", "~/.ssh/id_ed25519", "~/.ssh/id_ed25519_sk"];

    private readonly List<string> _files = [];

    private CallCredentials()
    {
    }

    public List<string> Arguments { get; } = [];

    /// <summary>Key file path → how messages name its source (<c>privateKey</c>, the path given, <c>SSH_PRIVATE_KEY</c>).</summary>
    public Dictionary<string, string> KeySources { get; } = new(StringComparer.Ordinal);

    public bool FromCall { get; private set; }

    /// <summary>
    /// Checks the call's key before any connection (the same words as SSH.NET for a file that cannot be read or a key
    /// that needs a passphrase the call did not give) and lays out the arguments.
    /// </summary>
    public static CallCredentials Create(OpenRequest request, SessionDirectory directory, Func<string, string?> environment)
    {
        var credentials = new CallCredentials();
        if (request.PrivateKey is { } keyText)
        {
            Check(keyText, request.Passphrase, "privateKey");
            credentials.AddKey(directory.Combine("k"), "privateKey", keyText, directory);
        }

        if (request.PrivateKeyPath is { } keyPath)
        {
            Check(PrivateKeyLoader.ReadFile(keyPath), request.Passphrase, keyPath);
            credentials.AddKey(keyPath, keyPath, null, directory);
        }

        credentials.FromCall = credentials.KeySources.Count > 0 || request.Password is not null;
        if (credentials.FromCall)
        {
            var methods = credentials.KeySources.Count > 0 ? "publickey," : "";
            methods += request.Password is null ? "" : "password,keyboard-interactive,";
            credentials.Arguments.AddRange(["-o", "IdentitiesOnly=yes", "-o", "PreferredAuthentications=" + methods.TrimEnd(',')]);
        }
        else if (environment(CredentialSet.PrivateKeyVariable) is { Length: > 0 } environmentKey)
        {
            // -i would come first and hide the default files: list what ssh would use, then this key.
            foreach (var identity in request.Identities.IdentityFiles.Count > 0 ? request.Identities.IdentityFiles : OpenSshDefaults)
            {
                credentials.Arguments.AddRange(["-o", "IdentityFile=" + identity]);
            }

            credentials.AddKey(directory.Combine("e"), CredentialSet.PrivateKeyVariable, environmentKey, directory);
        }

        return credentials;
    }

    /// <summary>
    /// True when ssh could find no credential at all, so the call fails before any connection, as on SSH.NET: none from
    /// the call or <c>SSH_PRIVATE_KEY</c>, no agent socket, no identity file on disk. Only asked when the identities of
    /// the config are known (resolved, or no config is read): a config may name keys that nothing else knows about.
    /// Never through jump hosts: ssh logs in to them first, as sshnet does, so what they refuse is said first; a target
    /// with nothing to log in with is then said after them, in the same words.
    /// </summary>
    public static bool NoneAtAll(OpenRequest request, CredentialContext context, bool configRead)
    {
        if (request.Route is { Hops.Count: > 1 } || request.Password is not null || request.PrivateKey is not null || request.PrivateKeyPath is not null
            || context.Environment(CredentialSet.PrivateKeyVariable) is { Length: > 0 }
            || (configRead && ReferenceEquals(request.Identities, ConfiguredIdentities.None)))
        {
            return false;
        }

        if (Ssh.Agent.AgentLocation.Resolve(request.Identities.IdentityAgent, context.AgentSocket, context.Environment) is { } agent
            && File.Exists(agent.SocketPath))
        {
            return false;
        }

        var files = request.Identities.IdentityFiles.Count > 0
            ? request.Identities.IdentityFiles
            : context.KeyDirectory is { } directory ? OpenSshDefaults.Select(name => Path.Combine(directory, Path.GetFileName(name))) : [];
        return !files.Any(File.Exists);
    }

    /// <summary>Deletes the key files written for the login (the master holds what it needs).</summary>
    public void Forget()
    {
        foreach (var file in _files)
        {
            SessionDirectory.DeleteFile(file);
        }

        _files.Clear();
    }

    private void AddKey(string path, string source, string? text, SessionDirectory directory)
    {
        if (text is not null)
        {
            // ssh wants a key file to end with a newline; a pasted key often lacks it.
            directory.WriteFile(path, Encoding.UTF8.GetBytes(text.EndsWith('\n') ? text : text + "\n"));
            _files.Add(path);
        }

        KeySources[path] = source;
        Arguments.AddRange(["-o", "IdentityFile=" + path]);
    }

    /// <summary>
    /// The checks SSH.NET makes before connecting that cost nothing: a key needing a passphrase the call did not give.
    /// A wrong passphrase, or a format only ssh reads, is left to ssh (and explained after a refused login).
    /// </summary>
    private static void Check(string keyText, string? passphrase, string source)
    {
        try
        {
            PrivateKeyLoader.Load(keyText, null, source).Dispose();
        }
        catch (SshFailureException ex) when (PrivateKeyLoader.NeedsPassphrase(ex) && passphrase is not null)
        {
        }
        catch (SshFailureException ex) when (!PrivateKeyLoader.NeedsPassphrase(ex))
        {
            // A format SSH.NET cannot read may still be one ssh reads.
        }
    }
}
