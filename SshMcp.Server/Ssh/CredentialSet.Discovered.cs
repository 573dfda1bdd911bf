using Renci.SshNet;
using SshMcp.Server.Ssh.Agent;

namespace SshMcp.Server.Ssh;

/// <summary>The credentials found on the server's machine when a call passes none: config, agent, defaults, environment.</summary>
internal sealed partial class CredentialSet
{
    private static readonly string[] DefaultIdentityFiles = ["id_ed25519", "id_ecdsa", "id_rsa"];

    private async Task AddDiscoveredAsync(OpenRequest request, CredentialContext context, CancellationToken cancellationToken)
    {
        var configured = request.Identities;
        var keyring = await OpenAgentAsync(configured, context, cancellationToken);
        var certificateFiles = configured.CertificateFiles.Select(path => Expand(path, context)).ToList();
        foreach (var identityFile in configured.IdentityFiles)
        {
            var path = Expand(identityFile, context);
            AddIdentity(path, $"IdentityFile {path}", request.Passphrase, keyring, certificateFiles);
        }

        if (keyring is not null && !configured.IdentitiesOnly)
        {
            AddAgentIdentities(keyring, certificateFiles);
        }

        // As in OpenSSH, the default identity files are the identity files when the config names none.
        if (configured.IdentityFiles.Count == 0 && context.KeyDirectory is { } directory)
        {
            foreach (var name in DefaultIdentityFiles)
            {
                AddIdentity(Path.Combine(directory, name), $"~/.ssh/{name}", request.Passphrase, keyring, certificateFiles);
            }
        }

        if (context.Environment(PrivateKeyVariable) is { Length: > 0 } environmentKey)
        {
            AddKey(PrivateKeyLoader.Load(environmentKey, request.Passphrase, PrivateKeyVariable), $"public key ({PrivateKeyVariable})");
        }
    }

    private async Task<AgentKeyring?> OpenAgentAsync(ConfiguredIdentities configured, CredentialContext context, CancellationToken cancellationToken)
    {
        if (AgentLocation.Resolve(configured.IdentityAgent, context.AgentSocket, context.Environment) is not { } location)
        {
            return null;
        }

        var (keyring, problem) = await AgentKeyring.OpenAsync(location, context.AgentTimeout, context.Logger, cancellationToken);
        if (problem is not null)
        {
            _problems.Add(problem);
        }

        return keyring;
    }

    /// <summary>
    /// An identity file: signed by the agent when the agent holds its key (found through <c>KEY.pub</c>, so an
    /// encrypted key needs no passphrase), else loaded from disk. A missing file is skipped, as OpenSSH skips it;
    /// one that cannot be loaded becomes a problem sentence.
    /// </summary>
    private void AddIdentity(string path, string description, string? passphrase, AgentKeyring? keyring, IReadOnlyList<string> certificateFiles)
    {
        if (keyring is not null && PublicKeyFile.TryRead(path + ".pub") is { } publicBlob && keyring.FindKey(publicBlob) is { } agentKey)
        {
            if (keyring.Offer(agentKey))
            {
                var source = AgentSource(keyring, agentKey, certificateFiles.Prepend(path + "-cert.pub"));
                Add(new PrivateKeyAuthenticationMethod(Username, source), $"public key ({description}) via the ssh-agent");
            }

            return;
        }

        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            AddKeyFile(path, PrivateKeyLoader.ReadFile(path), passphrase, $"public key ({description})", certificateFiles);
        }
        catch (SshFailureException ex) when (ex.Kind == SshFailureKind.BadKey)
        {
            _problems.Add(PrivateKeyLoader.NeedsPassphrase(ex) ? CredentialMessages.IdentityEncrypted(path) : ex.Message);
        }
    }

    /// <summary>The agent's identities not offered yet, as one public-key method: SSH.NET then asks the server before each signature.</summary>
    private void AddAgentIdentities(AgentKeyring keyring, IReadOnlyList<string> certificateFiles)
    {
        var sources = new List<IPrivateKeySource>();
        foreach (var identity in keyring.Remaining().ToList())
        {
            keyring.Offer(identity);
            sources.Add(AgentSource(keyring, identity, certificateFiles));
        }

        if (sources.Count > 0)
        {
            Add(new PrivateKeyAuthenticationMethod(Username, [.. sources]), $"ssh-agent at {keyring.Location}: {sources.Count} {(sources.Count == 1 ? "identity" : "identities")}");
        }
    }

    /// <summary>An agent identity as offered: a certificate held in the agent, or a key with a certificate file for it, or the key alone.</summary>
    private AgentKeySource AgentSource(AgentKeyring keyring, AgentIdentity identity, IEnumerable<string> certificateFiles)
    {
        if (identity.IsCertificate)
        {
            RememberCertificate($"'{identity.Comment}' held in the ssh-agent", identity.Blob);
            return AgentKeySource.For(identity, keyring.Client);
        }

        foreach (var path in certificateFiles)
        {
            if (PublicKeyFile.TryRead(path) is { } blob && AgentIdentity.TryCreate(blob, path) is { IsCertificate: true } certificate
                && certificate.PlainKeyBlob.AsSpan().SequenceEqual(identity.Blob))
            {
                RememberCertificate(path, blob);
                return AgentKeySource.For(identity, certificate, keyring.Client);
            }
        }

        return AgentKeySource.For(identity, keyring.Client);
    }

    /// <summary>Keeps a certificate for <see cref="ExplainRefusal"/>; one SSH.NET cannot parse is still offered, unexplained.</summary>
    private void RememberCertificate(string source, byte[] blob)
    {
        if (TryParseCertificate(blob) is { } certificate)
        {
            _certificates.Add((source, certificate));
        }
    }

    private static string Expand(string path, CredentialContext context) =>
        path.StartsWith("~/", StringComparison.Ordinal) && context.Environment("HOME") is { Length: > 0 } home
            ? Path.Combine(home, path[2..])
            : path;
}
