namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// Keeps secrets out of the environment of a child process (another process of the same user could read it in
/// <c>/proc/PID/environ</c>): the server's own secret variables and anything named like a secret.
/// </summary>
internal static class ChildEnvironment
{
    private static readonly string[] SecretNames = ["SSH_PRIVATE_KEY", "SSHMCP_AUTH_TOKEN"];
    private static readonly string[] SecretWords = ["PASSWORD", "PASSPHRASE", "SECRET", "TOKEN", "PRIVATE_KEY", "CREDENTIAL"];

    public static void RemoveSecrets(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var name in environment.Keys.Where(IsSecret).ToList())
        {
            environment.Remove(name);
        }
    }

    public static bool IsSecret(string name) =>
        SecretNames.Contains(name, StringComparer.OrdinalIgnoreCase)
        || SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
}
