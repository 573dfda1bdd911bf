using SshMcp.TestKit;

namespace SshMcp.AppHost.Sshd;

/// <summary>
/// Everything the local sshd needs, generated in a fresh temp folder: an ed25519 host key, an ed25519 key pair for
/// the login user (its public half as the only authorized key), and an sshd_config that reads nothing from
/// <c>/etc/ssh</c>, listens on a free loopback port, and allows only key logins by that one user. The folder is
/// deleted when the AppHost's services are disposed.
/// </summary>
internal sealed class LocalSshdFiles : IDisposable
{
    public const string SshdPath = SshdProcess.SshdPath;
    public const string Host = "127.0.0.1";

    private LocalSshdFiles(string directory, int port, string user, string hostKeyFingerprint)
    {
        Directory = directory;
        Port = port;
        User = user;
        HostKeyFingerprint = hostKeyFingerprint;
    }

    public string Directory { get; }

    public int Port { get; }

    public string User { get; }

    public string ConfigPath => Path.Combine(Directory, "sshd_config");

    public string PrivateKeyPath => Path.Combine(Directory, "id_ed25519");

    public string HostKeyFingerprint { get; }

    public static async Task<LocalSshdFiles> CreateAsync(string user, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The local sshd runs this machine's OpenSSH server, on Linux only; set Sshd:Mode=container elsewhere.");
        }

        if (!File.Exists(SshdPath))
        {
            throw new InvalidOperationException($"The local sshd needs OpenSSH's server at {SshdPath}: install it (sudo apt-get install -y openssh-server), or set Sshd:Mode=container.");
        }

        // sshd reads authorized_keys as the login user, so the folder must be searchable by everyone.
        var directory = System.IO.Directory.CreateTempSubdirectory("sshmcp-apphost-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var hostKey = Path.Combine(directory, "ssh_host_ed25519_key");
            var userKey = Path.Combine(directory, "id_ed25519");
            var authorizedKeys = Path.Combine(directory, "authorized_keys");
            await Task.WhenAll(
                SshKeys.GenerateEd25519Async(hostKey, "sshmcp-apphost-host", cancellationToken),
                SshKeys.GenerateEd25519Async(userKey, $"sshmcp-apphost-{user}", cancellationToken));
            File.Copy(userKey + ".pub", authorizedKeys);
            var fingerprint = SshKeys.FingerprintSha256(await File.ReadAllTextAsync(hostKey + ".pub", cancellationToken));

            var files = new LocalSshdFiles(directory, LoopbackPort.Free(), user, fingerprint);
            var config = SshdConfig.Render(
                ConfigFor(user), files.Port, directory, hostKey, authorizedKeys, await SshdConfig.HasPerSourcePenaltiesAsync(cancellationToken));
            await File.WriteAllTextAsync(files.ConfigPath, config, cancellationToken);
            return files;
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary><c>sshd -D -e -f config</c>: in the foreground, logging to stderr (the dashboard's console log).</summary>
    public string[] SshdArguments => ["-D", "-e", "-f", ConfigPath];

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>
    /// Key logins by the one user, no forwarding, no SFTP subsystem, INFO logging, and sshd's own MaxStartups; the
    /// rest as the tests' sshd has it (no PAM, no root, PerSourcePenalties off so the one client on 127.0.0.1 never
    /// locks itself out after a few failed logins).
    /// </summary>
    private static SshdOptions ConfigFor(string user) => new()
    {
        Variant = SshdVariant.KeyOnly,
        UserName = user,
        AllowTcpForwarding = false,
        LogLevel = "INFO",
        SftpSubsystem = null,
        MaxStartups = null,
    };
}
