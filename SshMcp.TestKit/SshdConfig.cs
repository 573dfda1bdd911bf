using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SshMcp.TestKit;

/// <summary>Writes the sshd_config of one private sshd (a test's, the AppHost's): every path inside its temp directory, nothing from /etc/ssh.</summary>
public static partial class SshdConfig
{
    private static readonly Version FirstWithPerSourcePenalties = new(9, 8);

    /// <summary>
    /// OpenSSH 9.8 and later penalise an address after failed logins and then refuse it for a while; every test
    /// connects from 127.0.0.1 and some fail on purpose, so that must be off where it exists (9.2 rejects the keyword).
    /// </summary>
    public static async Task<bool> HasPerSourcePenaltiesAsync(CancellationToken cancellationToken)
    {
        var result = await LocalCommand.RunAsync(SshdProcess.SshdPath, ["-V"], cancellationToken);
        var match = OpenSshVersion().Match(result.StandardError + result.StandardOutput);
        return match.Success
            && new Version(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)) >= FirstWithPerSourcePenalties;
    }

    public static string Render(
        SshdOptions options, int port, string directory, string hostKeyPath, string authorizedKeysPath, bool hasPerSourcePenalties)
    {
        var (usePam, password, keyboardInteractive, publicKey) = options.Variant switch
        {
            SshdVariant.Default => (false, true, false, true),
            // PAM answers keyboard-interactive with a "Password: " prompt checked against /etc/shadow.
            SshdVariant.KeyboardInteractiveOnly => (true, false, true, false),
            SshdVariant.KeyOnly => (false, false, false, true),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Variant, "Unknown sshd variant."),
        };

        var config = new StringBuilder();
        void Line(string keyword, object value) =>
            config.Append(CultureInfo.InvariantCulture, $"{keyword} {value}\n");
        static string YesNo(bool value) => value ? "yes" : "no";

        Line("Port", port);
        Line("ListenAddress", "127.0.0.1");
        Line("HostKey", hostKeyPath);
        Line("PidFile", Path.Combine(directory, "sshd.pid"));
        Line("AuthorizedKeysFile", authorizedKeysPath);
        // The generated files live in /tmp, which StrictModes would reject.
        Line("StrictModes", "no");
        Line("UsePAM", YesNo(usePam));
        Line("PasswordAuthentication", YesNo(password));
        Line("KbdInteractiveAuthentication", YesNo(keyboardInteractive));
        Line("PubkeyAuthentication", YesNo(publicKey));
        Line("PermitEmptyPasswords", "no");
        if (options.TrustedUserCAKeys is not null)
        {
            Line("TrustedUserCAKeys", options.TrustedUserCAKeys);
        }

        Line("PermitRootLogin", "no");
        Line("AllowUsers", options.UserName);
        Line("LogLevel", options.LogLevel);
        Line("AllowTcpForwarding", YesNo(options.AllowTcpForwarding));
        Line("UseDNS", "no");
        if (options.LoginShell is not null)
        {
            // sshd sets SHELL from the passwd entry; SetEnv overrides it for the session, as another login shell would.
            Line("SetEnv", $"SHELL={options.LoginShell}");
        }

        Line("PrintMotd", "no");
        Line("PrintLastLog", "no");
        Line("X11Forwarding", "no");
        if (options.MaxStartups is not null)
        {
            Line("MaxStartups", options.MaxStartups);
        }

        Line("ClientAliveInterval", (int)(options.ClientAliveInterval?.TotalSeconds ?? 0));
        if (options.MaxSessions is { } maxSessions)
        {
            Line("MaxSessions", maxSessions);
        }

        if (options.SftpSubsystem is not null)
        {
            Line("Subsystem", $"sftp {options.SftpSubsystem}");
        }

        if (hasPerSourcePenalties)
        {
            Line("PerSourcePenalties", "no");
        }

        return config.ToString();
    }

    [GeneratedRegex(@"OpenSSH_(\d+)\.(\d+)")]
    private static partial Regex OpenSshVersion();
}
