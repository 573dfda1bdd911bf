using System.Security.Cryptography;

namespace SshMcp.TestKit;

/// <summary>
/// The Unix users the fixtures log in as. A user is machine-wide, so several fixtures of one test run share it:
/// the first to lease it creates it if needed and sets a fresh random password; the last to release it kills
/// whatever the tests left running as that user and deletes it. Each run has its own user (<see cref="RunUserName"/>),
/// so two runs at once on one machine never reset each other's password or kill each other's sessions; users left
/// by runs that died are removed when the next run starts.
/// </summary>
internal static class TestUsers
{
    private const string RunUserPrefix = "sshmcpt-";

    public static string RunUserName { get; } = RunUserPrefix + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly TimeSpan CreateDeadline = TimeSpan.FromSeconds(30);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, Lease> Leases = new(StringComparer.Ordinal);

    /// <summary>Makes sure <paramref name="userName"/> exists and returns its password for this test run.</summary>
    public static async Task<string> AcquireAsync(string userName, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (Leases.TryGetValue(userName, out var lease))
            {
                lease.Count++;
                return lease.Password;
            }

            await RemoveUsersOfDeadRunsAsync(cancellationToken);
            await EnsureExistsAsync(userName, cancellationToken);
            var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);
            await SetPasswordAsync(userName, password, cancellationToken);
            Leases[userName] = new Lease(password);
            return password;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Gives a lease back; the last one kills every process left running as the user.</summary>
    public static async Task ReleaseAsync(string userName, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!Leases.TryGetValue(userName, out var lease) || --lease.Count > 0)
            {
                return;
            }

            Leases.Remove(userName);
            // pkill exits 1 when nothing matched.
            await LocalCommand.RunCheckedAsync("pkill", ["-KILL", "-u", userName], cancellationToken, 0, 1);
            if (userName.StartsWith(RunUserPrefix, StringComparison.Ordinal))
            {
                await LocalCommand.RunAsync("userdel", ["-r", "-f", userName], cancellationToken);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    // A run that was killed could not delete its user: remove run users whose process is gone.
    private static async Task RemoveUsersOfDeadRunsAsync(CancellationToken cancellationToken)
    {
        foreach (var line in await File.ReadAllLinesAsync("/etc/passwd", cancellationToken))
        {
            var name = line.Split(':')[0];
            if (name.StartsWith(RunUserPrefix, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(RunUserPrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var pid)
                && !Directory.Exists($"/proc/{pid}"))
            {
                await LocalCommand.RunCheckedAsync("pkill", ["-KILL", "-u", name], cancellationToken, 0, 1);
                await LocalCommand.RunAsync("userdel", ["-r", "-f", name], cancellationToken);
            }
        }
    }

    // Another test run may be creating the same user, or holding the passwd lock for its own change: useradd then
    // fails ("already exists", "cannot lock /etc/passwd"), so look again and retry until the deadline.
    private static async Task EnsureExistsAsync(string userName, CancellationToken cancellationToken)
    {
        LocalCommandResult? lastFailure = null;
        var created = await Poll.UntilAsync(
            async ct =>
            {
                if ((await LocalCommand.RunAsync("id", ["-u", userName], ct)).ExitCode == 0)
                {
                    return true;
                }

                var useradd = await LocalCommand.RunAsync("useradd", ["-m", "-s", "/bin/bash", userName], ct);
                lastFailure = useradd.ExitCode == 0 ? null : useradd;
                return useradd.ExitCode == 0;
            },
            CreateDeadline,
            cancellationToken);
        if (!created)
        {
            throw new InvalidOperationException(
                $"Could not create the test user {userName}: {lastFailure?.StandardError.Trim()}");
        }
    }

    // chpasswd reads "user:password" from stdin, so the password never shows in a process list.
    private static async Task SetPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        LocalCommandResult? lastFailure = null;
        var set = await Poll.UntilAsync(
            async ct =>
            {
                var chpasswd = await LocalCommand.RunAsync("chpasswd", [], ct, $"{userName}:{password}\n");
                lastFailure = chpasswd;
                return chpasswd.ExitCode == 0;
            },
            CreateDeadline,
            cancellationToken);
        if (!set)
        {
            throw new InvalidOperationException(
                $"Could not set the test user's password: {lastFailure?.StandardError.Trim()}");
        }
    }

    private sealed class Lease(string password)
    {
        public string Password { get; } = password;

        public int Count { get; set; } = 1;
    }
}
