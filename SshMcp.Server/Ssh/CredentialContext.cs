using Microsoft.Extensions.Logging;
using SshMcp.Server.Options;

namespace SshMcp.Server.Ssh;

/// <summary>Where credentials are looked for on the server's machine, besides what a call passes.</summary>
/// <param name="Environment">Reads an environment variable (<c>SSH_PRIVATE_KEY</c>, <c>SSH_AUTH_SOCK</c>, <c>HOME</c>).</param>
/// <param name="KeyDirectory">Where the default identity files are (normally ~/.ssh); null for none.</param>
/// <param name="AgentSocket">The SshMcp:AgentSocket setting: empty for <c>SSH_AUTH_SOCK</c>, <c>none</c>, or a socket path.</param>
/// <param name="AgentTimeout">The bound of each request to the ssh-agent.</param>
internal sealed record CredentialContext(
    Func<string, string?> Environment,
    string? KeyDirectory,
    string? AgentSocket,
    TimeSpan AgentTimeout,
    ILogger Logger)
{
    /// <summary>The context the server's settings describe: SshMcp:KeyDirectory (else ~/.ssh), the agent socket and its bound.</summary>
    public static CredentialContext FromOptions(SshMcpOptions options, Func<string, string?> environment, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CredentialContext(environment, KeyDirectoryOf(options), options.AgentSocket, options.AgentTimeout, logger);
    }

    private static string? KeyDirectoryOf(SshMcpOptions options)
    {
        if (!string.IsNullOrEmpty(options.KeyDirectory))
        {
            return options.KeyDirectory;
        }

        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".ssh");
    }
}
