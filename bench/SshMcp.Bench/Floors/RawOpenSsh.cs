using System.Diagnostics;
using System.Globalization;
using SshMcp.TestKit;

namespace SshMcp.Bench.Floors;

/// <summary>
/// The floor of ssh_open on the openssh transport: the system ssh making a master connection and running one command,
/// <c>ssh -o ControlMaster=yes host true</c>, with the same key and a known_hosts that knows the host.
/// </summary>
internal sealed class RawOpenSsh : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("sshmcp-bench-ssh-").FullName;
    private readonly TestSshd _sshd;

    public RawOpenSsh(TestSshd sshd)
    {
        _sshd = sshd;
        File.WriteAllText(KnownHosts, sshd.KnownHostsLine + "\n");
    }

    private string KnownHosts => Path.Combine(_directory, "known_hosts");

    /// <summary>Runs <c>ssh -o ControlMaster=yes … true</c> to its end; true when it exited 0.</summary>
    public async Task<bool> MasterTrueAsync()
    {
        var control = Path.Combine(_directory, "c");
        using var process = Process.Start(new ProcessStartInfo("ssh",
        [
            "-F", "none", "-o", "ControlMaster=yes", "-o", "ControlPath=" + control, "-o", "ControlPersist=no",
            "-o", "UserKnownHostsFile=" + KnownHosts, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
            "-o", "IdentitiesOnly=yes", "-i", _sshd.PrivateKeyPath, "-p", _sshd.Port.ToString(CultureInfo.InvariantCulture),
            "-l", _sshd.Username, "--", _sshd.Host, "true",
        ])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("ssh did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Bound);
        await process.WaitForExitAsync(deadline.Token);
        await Task.WhenAll(output, errors);
        return process.ExitCode == 0 && (await output).Length == 0;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
