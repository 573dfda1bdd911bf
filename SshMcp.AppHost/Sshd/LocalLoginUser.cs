using SshMcp.TestKit;

namespace SshMcp.AppHost.Sshd;

/// <summary>
/// The account the local sshd lets the agent log in as. sshd can switch to another user only when it runs as root:
/// a root AppHost uses an unprivileged account (creating <see cref="SshdSettings.DefaultLocalUser"/> on first use),
/// any other AppHost offers its own account.
/// </summary>
internal static class LocalLoginUser
{
    public static async Task<(string User, bool Created)> ResolveAsync(string? configured, CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            var self = Environment.UserName;
            return configured is null || configured == self
                ? (self, false)
                : throw new InvalidOperationException($"Sshd:User is '{configured}', but an sshd started by {self} (not root) can only log in {self}. Leave Sshd:User unset, or run the AppHost as root.");
        }

        var user = configured ?? SshdSettings.DefaultLocalUser;
        if (user == "root")
        {
            throw new InvalidOperationException("The local sshd does not let the agent log in as root: set Sshd:User to an unprivileged account, or leave it unset.");
        }

        if ((await LocalCommand.RunAsync("id", ["-u", user], cancellationToken)).ExitCode == 0)
        {
            return (user, false);
        }

        // '*': no password can log in, yet the account is not locked ('!'), which sshd without PAM refuses even for keys.
        await LocalCommand.RunCheckedAsync("useradd", ["-m", "-s", "/bin/bash", "-p", "*", user], cancellationToken);
        return (user, true);
    }
}
