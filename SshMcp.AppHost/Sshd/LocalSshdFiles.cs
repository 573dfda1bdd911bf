using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SshMcp.AppHost.Sshd;

/// <summary>
/// Everything the local sshd needs, generated in a fresh temp folder: an ed25519 host key, an ed25519 key pair for
/// the login user (its public half as the only authorized key), and an sshd_config that reads nothing from
/// <c>/etc/ssh</c>, listens on a free loopback port, and allows only key logins by that one user. The folder is
/// deleted when the AppHost's services are disposed.
/// </summary>
internal sealed partial class LocalSshdFiles : IDisposable
{
    public const string SshdPath = "/usr/sbin/sshd";
    public const string Host = "127.0.0.1";
    private static readonly Version FirstWithPerSourcePenalties = new(9, 8);

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

    private string HostKeyPath => Path.Combine(Directory, "ssh_host_ed25519_key");

    private string AuthorizedKeysPath => Path.Combine(Directory, "authorized_keys");

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
            await Task.WhenAll(
                KeygenAsync(hostKey, "sshmcp-apphost-host", cancellationToken),
                KeygenAsync(userKey, $"sshmcp-apphost-{user}", cancellationToken));
            File.Copy(userKey + ".pub", Path.Combine(directory, "authorized_keys"));
            var fingerprint = FingerprintSha256(await File.ReadAllTextAsync(hostKey + ".pub", cancellationToken));

            var files = new LocalSshdFiles(directory, LoopbackPorts.Free(), user, fingerprint);
            await File.WriteAllTextAsync(files.ConfigPath, files.RenderConfig(await HasPerSourcePenaltiesAsync(cancellationToken)), cancellationToken);
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

    private string RenderConfig(bool hasPerSourcePenalties)
    {
        var config = new StringBuilder();
        void Line(string keyword, object value) => config.Append(CultureInfo.InvariantCulture, $"{keyword} {value}\n");

        Line("Port", Port);
        Line("ListenAddress", Host);
        Line("HostKey", HostKeyPath);
        Line("PidFile", Path.Combine(Directory, "sshd.pid"));
        Line("AuthorizedKeysFile", AuthorizedKeysPath);
        // The generated files live in /tmp, which StrictModes would reject.
        Line("StrictModes", "no");
        Line("UsePAM", "no");
        Line("PasswordAuthentication", "no");
        Line("KbdInteractiveAuthentication", "no");
        Line("PubkeyAuthentication", "yes");
        Line("PermitRootLogin", "no");
        Line("AllowUsers", User);
        Line("AllowTcpForwarding", "no");
        Line("X11Forwarding", "no");
        Line("UseDNS", "no");
        Line("PrintMotd", "no");
        Line("PrintLastLog", "no");
        Line("LogLevel", "INFO");
        if (hasPerSourcePenalties)
        {
            // One client (the MCP server on 127.0.0.1) must not lock itself out after a few failed logins.
            Line("PerSourcePenalties", "no");
        }

        return config.ToString();
    }

    private static async Task KeygenAsync(string path, string comment, CancellationToken cancellationToken) =>
        await LocalProcess.RunCheckedAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path], cancellationToken);

    private static async Task<bool> HasPerSourcePenaltiesAsync(CancellationToken cancellationToken)
    {
        var (_, output) = await LocalProcess.RunAsync(SshdPath, ["-V"], cancellationToken);
        var match = OpenSshVersion().Match(output);
        return match.Success && new Version(
            int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)) >= FirstWithPerSourcePenalties;
    }

    /// <summary><c>SHA256:</c> and the unpadded base64 SHA-256 of the key blob, as <c>ssh-keygen -lf</c> prints it.</summary>
    private static string FingerprintSha256(string publicKeyLine) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(publicKeyLine.Split(' ')[1]))).TrimEnd('=');

    [GeneratedRegex(@"OpenSSH_(\d+)\.(\d+)")]
    private static partial Regex OpenSshVersion();
}
