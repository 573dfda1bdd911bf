using System.Diagnostics;

namespace SshMcp.Tests.Ssh.HostKeys;

/// <summary>Runs the real <c>ssh-keygen</c> so tests compare with OpenSSH, not with our own idea of it.</summary>
internal static class SshKeygen
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Makes a key pair without passphrase; returns the public key.</summary>
    public static TestKey Generate(string directory, string name, string type, int? bits = null)
    {
        var path = Path.Combine(directory, name);
        var args = new List<string> { "-q", "-t", type, "-N", "", "-C", name, "-f", path };
        if (bits is { } b)
        {
            args.AddRange(["-b", b.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        Run(args);
        var fields = File.ReadAllText(path + ".pub").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new TestKey(fields[0], Convert.FromBase64String(fields[1]), path + ".pub");
    }

    /// <summary>The fingerprint as <c>ssh-keygen -lf</c> prints it (second field of "256 SHA256:... comment (ED25519)").</summary>
    public static string Fingerprint(string publicKeyPath) => Run(["-lf", publicKeyPath]).Split(' ')[1];

    /// <summary>Hashes every host name in a known_hosts file in place (<c>ssh-keygen -H</c>).</summary>
    public static void HashHosts(string knownHostsPath) => Run(["-H", "-f", knownHostsPath]);

    /// <summary>The lines <c>ssh-keygen -F</c> finds for a host (as OpenSSH looks it up), or empty.</summary>
    public static string Find(string knownHostsPath, string lookupName) =>
        Run(["-F", lookupName, "-f", knownHostsPath], allowFailure: true);

    private static string Run(IEnumerable<string> args, bool allowFailure = false)
    {
        var start = new ProcessStartInfo("ssh-keygen")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ssh-keygen did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new TimeoutException($"ssh-keygen {string.Join(' ', start.ArgumentList)} did not finish in {Timeout}");
        }

        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"ssh-keygen exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result.Trim();
    }
}
