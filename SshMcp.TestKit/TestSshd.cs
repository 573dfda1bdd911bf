using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SshMcp.TestKit;

/// <summary>
/// A real OpenSSH server on a free loopback port, with its own temp directory, keys and sshd_config, for
/// integration tests. Log in as <see cref="Username"/> with <see cref="Password"/> or the key at
/// <see cref="PrivateKeyPath"/>; pin the host key with <see cref="HostKeyFingerprintSha256"/>.
/// Free of xunit, so the benchmark uses it as it is; the tests' SshdFixture adds xunit's lifetime.
/// The caller starts it with <see cref="InitializeAsync"/> and stops it with <see cref="DisposeAsync"/>.
/// </summary>
public class TestSshd
{
    private const int PortAttempts = 3;
    private static readonly TimeSpan LifecycleTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);

    private readonly BoundedLog _log = new(64 * 1024);
    private readonly HashSet<int> _frozen = [];
    private SshdProcess? _sshd;
    private bool _userLeased;

    /// <summary>The default variant: password and public key, without PAM.</summary>
    public TestSshd()
        : this(new SshdOptions())
    {
    }

    public TestSshd(SshdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    public SshdOptions Options { get; }

    /// <summary>sshd listens on IPv4 loopback only.</summary>
    public string Host { get; } = "127.0.0.1";

    public int Port { get; private set; }

    public string Username => Options.UserName;

    /// <summary>The test user's password for this test run (shared by every fixture of the run).</summary>
    public string Password { get; private set; } = "";

    /// <summary>An unencrypted ed25519 private key listed in this sshd's authorized_keys.</summary>
    public string PrivateKeyPath => Path.Combine(TempDirectory, "id_ed25519");

    public string PrivateKeyText { get; private set; } = "";

    /// <summary>The host key's fingerprint as <c>ssh-keygen -lf</c> prints it: <c>SHA256:</c> and unpadded base64.</summary>
    public string HostKeyFingerprintSha256 { get; private set; } = "";

    /// <summary>The host key's .pub line: <c>ssh-ed25519 AAAA… comment</c>.</summary>
    public string HostPublicKeyLine { get; private set; } = "";

    /// <summary>A known_hosts line for this server: <c>[127.0.0.1]:PORT ssh-ed25519 AAAA…</c>.</summary>
    public string KnownHostsLine =>
        $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)} {string.Join(' ', HostPublicKeyLine.Split(' ').Take(2))}";

    public string TempDirectory { get; private set; } = "";

    /// <summary>The last 64 KB of what sshd and its per-connection processes wrote to stderr.</summary>
    public string SshdLog => _log.ToString();

    private string HostKeyPath => Path.Combine(TempDirectory, "ssh_host_ed25519_key");

    private string ConfigPath => Path.Combine(TempDirectory, "sshd_config");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(LifecycleTimeout);
        try
        {
            await StartAsync(timeout.Token);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        // Each step runs even when an earlier one fails; it is idempotent, for a failed InitializeAsync calls it too.
        using var timeout = new CancellationTokenSource(LifecycleTimeout);
        try
        {
            await KillConnectionProcessesAsync(timeout.Token);
        }
        finally
        {
            try
            {
                await StopSshdAsync(timeout.Token);
            }
            finally
            {
                Cleanup();
                if (TempDirectory.Length > 0 && Directory.Exists(TempDirectory))
                {
                    Directory.Delete(TempDirectory, recursive: true);
                }

                if (_userLeased)
                {
                    _userLeased = false;
                    await TestUsers.ReleaseAsync(Username, timeout.Token);
                }
            }
        }
    }

    /// <summary>The test user's processes, zombies left out.</summary>
    public Task<IReadOnlyList<RemoteProcess>> ListUserProcessesAsync(CancellationToken cancellationToken) =>
        ListUserProcessesAsync(includeZombies: false, cancellationToken);

    /// <summary>The test user's processes, read with ps (the sshd is local). Other fixtures' sessions show too.</summary>
    public async Task<IReadOnlyList<RemoteProcess>> ListUserProcessesAsync(bool includeZombies, CancellationToken cancellationToken)
    {
        // ps exits 1 when the user has no process.
        var ps = await LocalCommand.RunCheckedAsync(
            "ps", ["-u", Username, "-o", "pid=,ppid=,pgid=,stat=,args="], cancellationToken, 0, 1);
        return
        [
            .. ps.StandardOutput.Split('\n')
                .Select(RemoteProcess.TryParse)
                .OfType<RemoteProcess>()
                .Where(process => includeZombies || !process.IsZombie),
        ];
    }

    /// <summary>Polls the test user's processes until none matches; false if one still does at the deadline.</summary>
    public Task<bool> WaitForNoProcessAsync(
        Func<RemoteProcess, bool> match, TimeSpan deadline, CancellationToken cancellationToken) =>
        Poll.UntilAsync(
            async ct => !(await ListUserProcessesAsync(ct)).Any(match), deadline, cancellationToken);

    /// <summary>Polls the test user's processes until one matches and returns it; null at the deadline.</summary>
    public async Task<RemoteProcess?> WaitForProcessAsync(
        Func<RemoteProcess, bool> match, TimeSpan deadline, CancellationToken cancellationToken)
    {
        RemoteProcess? found = null;
        await Poll.UntilAsync(
            async ct => (found = (await ListUserProcessesAsync(ct)).FirstOrDefault(match)) is not null,
            deadline,
            cancellationToken);
        return found;
    }

    /// <summary>Stops sshd, makes a new host key and starts sshd again on the same port.</summary>
    public async Task RestartWithNewHostKeyAsync(CancellationToken cancellationToken)
    {
        await StopSshdAsync(cancellationToken);
        await GenerateHostKeyAsync(cancellationToken);
        await StartSshdAsync(cancellationToken);
    }

    /// <summary>
    /// Kills with SIGKILL the per-connection sshd processes of this fixture (<c>sshd: user [priv]</c> and
    /// <c>sshd: user@notty</c>), as a dropped connection would end them; the commands they ran keep running.
    /// Returns how many processes were killed, once none is left holding a connection.
    /// </summary>
    public async Task<int> KillConnectionProcessesAsync(CancellationToken cancellationToken)
    {
        if (Port == 0)
        {
            return 0;
        }

        // Scan again after each round: a connection that just authenticated forks its session process meanwhile.
        var killed = new HashSet<int>();
        var listenerPid = _sshd?.Id;
        var gone = await Poll.UntilAsync(
            _ =>
            {
                var owners = SocketOwners.WithEstablishedLocalPort(Port)
                    .Where(pid => pid != Environment.ProcessId && pid != listenerPid && SocketOwners.IsAlive(pid))
                    .ToList();
                foreach (var pid in owners)
                {
                    Kill(pid);
                    killed.Add(pid);
                }

                return Task.FromResult(owners.Count == 0);
            },
            KillTimeout,
            cancellationToken);
        if (!gone)
        {
            throw new TimeoutException($"sshd connection processes {string.Join(", ", killed)} outlived SIGKILL.");
        }

        return killed.Count;
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The sshd fixture runs OpenSSH locally and reads /proc: it needs Linux.");
        }

        TempDirectory = Path.Combine("/tmp", $"sshmcp-sshd-{Guid.NewGuid():N}");
        // sshd reads authorized_keys as the test user, so the directory must be searchable by everyone.
        Directory.CreateDirectory(TempDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        // The privilege separation directory; sshd refuses to start without it, and a fresh machine lacks it.
        Directory.CreateDirectory("/run/sshd");

        Password = await TestUsers.AcquireAsync(Username, cancellationToken);
        _userLeased = true;

        await SshKeys.GenerateEd25519Async(PrivateKeyPath, "sshmcp-test-client", cancellationToken);
        PrivateKeyText = await File.ReadAllTextAsync(PrivateKeyPath, cancellationToken);
        var authorizedKeysPath = Path.Combine(TempDirectory, "authorized_keys");
        if (Options.AuthorizeFixtureKey)
        {
            File.Copy(PrivateKeyPath + ".pub", authorizedKeysPath);
        }
        else
        {
            await File.WriteAllTextAsync(authorizedKeysPath, "", cancellationToken);
        }

        await GenerateHostKeyAsync(cancellationToken);
        await PrepareAsync(cancellationToken);

        var hasPerSourcePenalties = await SshdConfig.HasPerSourcePenaltiesAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            // Another process may take the port between our probe and sshd's bind; then try another one.
            Port = LoopbackPort.Free();
            var config = SshdConfig.Render(Options, Port, TempDirectory, HostKeyPath, authorizedKeysPath, hasPerSourcePenalties);
            await File.WriteAllTextAsync(ConfigPath, config, cancellationToken);
            try
            {
                await StartSshdAsync(cancellationToken);
                return;
            }
            catch (InvalidOperationException) when (attempt < PortAttempts && SshdProcess.PortWasTaken(_log))
            {
            }
        }
    }

    /// <summary>The sshd program to run: <see cref="SshdProcess.SshdPath"/>, or a link to it under another name.</summary>
    protected virtual string SshdProgram => SshdProcess.SshdPath;

    /// <summary>A variant's own files, written into <see cref="TempDirectory"/> (or beyond) before sshd starts.</summary>
    protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Removes what <see cref="PrepareAsync"/> wrote outside <see cref="TempDirectory"/>; runs even after a failed start.</summary>
    protected virtual void Cleanup()
    {
    }

    private async Task StartSshdAsync(CancellationToken cancellationToken) =>
        _sshd = await SshdProcess.StartAsync(SshdProgram, ConfigPath, Host, Port, Options.StartTimeout, _log, cancellationToken);

    private async Task StopSshdAsync(CancellationToken cancellationToken)
    {
        if (_sshd is not { } sshd)
        {
            return;
        }

        _sshd = null;
        using (sshd)
        {
            await sshd.StopAsync(cancellationToken);
        }
    }

    private async Task GenerateHostKeyAsync(CancellationToken cancellationToken)
    {
        await SshKeys.GenerateEd25519Async(HostKeyPath, "sshmcp-test-host", cancellationToken);
        HostPublicKeyLine = (await File.ReadAllTextAsync(HostKeyPath + ".pub", cancellationToken)).Trim();
        HostKeyFingerprintSha256 = SshKeys.FingerprintSha256(HostPublicKeyLine);
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (e.g. STOP to freeze a connection as a dead network would, CONT to thaw it)
    /// to the per-connection sshd processes of this fixture; returns how many got it. CONT also reaches every process
    /// an earlier STOP froze, even once its connection is no longer established (the client gave up on it): a frozen
    /// process would otherwise outlive the test run.
    /// </summary>
    public async Task<int> SignalConnectionProcessesAsync(string signal, CancellationToken cancellationToken)
    {
        var listenerPid = _sshd?.Id;
        var owners = SocketOwners.WithEstablishedLocalPort(Port)
            .Where(pid => pid != Environment.ProcessId && pid != listenerPid)
            .ToList();
        lock (_frozen)
        {
            if (signal == "STOP")
            {
                _frozen.UnionWith(owners);
            }
            else if (signal == "CONT")
            {
                owners = [.. owners.Union(_frozen.Where(SocketOwners.IsAlive))];
                _frozen.Clear();
            }
        }

        foreach (var pid in owners)
        {
            await LocalCommand.RunCheckedAsync("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)], cancellationToken, 0, 1);
        }

        return owners.Count;
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }
}
