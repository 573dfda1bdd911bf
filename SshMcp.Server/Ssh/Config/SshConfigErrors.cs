namespace SshMcp.Server.Ssh.Config;

/// <summary>The agent-facing failures of config resolution: what failed, where, and what to do next.</summary>
internal static class SshConfigErrors
{
    private const int MaxDetailLength = 300;

    /// <summary>A config file that cannot be read or has a bad line; <paramref name="detail"/> names file and line, as ssh does.</summary>
    public static SshFailureException Invalid(string detail) =>
        new(SshFailureKind.ConfigInvalid, $"SSH config error: {Clip(detail)}. Fix the SSH config file it names.");

    /// <summary><c>ssh -G</c> exited with an error; <paramref name="firstStderrLine"/> is its reason.</summary>
    public static SshFailureException SshFailed(string alias, string firstStderrLine) =>
        new(SshFailureKind.ConfigInvalid, $"ssh -G could not resolve '{alias}': {Clip(firstStderrLine)}. Fix the SSH config it names.");

    public static SshFailureException SshTimedOut(string alias, TimeSpan timeout) =>
        new(SshFailureKind.Timeout, $"ssh -G did not finish within {timeout.TotalSeconds:0.#} s while resolving '{alias}'. Check the SSH config (a Match exec command may hang), or set SshMcp:SshConfigResolver to builtin.");

    public static SshFailureException SshNotFound() =>
        new(SshFailureKind.ConfigInvalid, "SshMcp:SshConfigResolver is 'ssh', but no ssh program was found on PATH. Install the OpenSSH client, or set it to auto or builtin.");

    public static SshFailureException SshCannotStart(string sshPath, string reason) =>
        new(SshFailureKind.ConfigInvalid, $"Could not run {sshPath} to read the SSH config: {Clip(reason)}. Check the OpenSSH client, or set SshMcp:SshConfigResolver to builtin.");

    public static SshFailureException JumpLoop(IEnumerable<string> chain) =>
        new(SshFailureKind.ConfigInvalid, $"The ProxyJump chain loops: {string.Join(" -> ", chain)}. Fix ProxyJump in the SSH config.");

    public static SshFailureException JumpChainTooLong(string alias, int maxHops) =>
        new(SshFailureKind.ConfigInvalid, $"The ProxyJump chain of '{alias}' has more than {maxHops} jump hosts. Shorten it in the SSH config.");

    private static string Clip(string text)
    {
        text = text.Trim().TrimEnd('.');
        return text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
    }
}
