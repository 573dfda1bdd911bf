using System.Globalization;

namespace SshMcp.TestKit;

/// <summary>
/// Finds local processes by the TCP connections they hold, read from /proc. The per-connection sshd processes of
/// one fixture are exactly those holding an established connection on that fixture's port; matching them by
/// process title ("sshd: user [priv]") would also hit connections of other fixtures that share the test user.
/// </summary>
public static class SocketOwners
{
    private const string Established = "01";
    private const string Listen = "0A";

    /// <summary>Process ids holding an established TCP connection whose local port is <paramref name="localPort"/>.</summary>
    public static IReadOnlySet<int> WithEstablishedLocalPort(int localPort)
    {
        var inodes = EstablishedSocketInodes(localPort);
        var owners = new HashSet<int>();
        if (inodes.Count == 0)
        {
            return owners;
        }

        foreach (var processDirectory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(processDirectory), out var pid) && HoldsAny(processDirectory, inodes))
            {
                owners.Add(pid);
            }
        }

        return owners;
    }

    /// <summary>True when any TCP socket listens on <paramref name="localPort"/>.</summary>
    public static bool IsListening(int localPort) =>
        TcpRows()
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields.Length > 3 && fields[3] == Listen && LocalPort(fields[1]) == localPort);

    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            // /proc/<pid>/stat is "pid (comm) S ...": the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat.AsSpan(stat.LastIndexOf(')') + 1).TrimStart();
            return state.Length > 0 && state[0] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // Rows of /proc/net/tcp: "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...",
    // addresses as hex "0100007F:59D7".
    private static HashSet<string> EstablishedSocketInodes(int localPort)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in TcpRows())
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 9
                && fields[3] == Established
                && LocalPort(fields[1]) == localPort
                && fields[9] != "0")
            {
                inodes.Add($"socket:[{fields[9]}]");
            }
        }

        return inodes;
    }

    /// <summary>The rows of /proc/net/tcp and tcp6 (.NET's dual-mode sockets, SSH.NET's among them, show in tcp6).</summary>
    private static IEnumerable<string> TcpRows() =>
        File.ReadLines("/proc/net/tcp").Skip(1).Concat(File.Exists("/proc/net/tcp6") ? File.ReadLines("/proc/net/tcp6").Skip(1) : []);

    private static int LocalPort(string address) =>
        int.Parse(address.AsSpan(address.IndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static bool HoldsAny(string processDirectory, HashSet<string> socketInodes)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(Path.Combine(processDirectory, "fd"))
                .Any(fd => new FileInfo(fd).LinkTarget is { } target && socketInodes.Contains(target));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked, or is not ours to inspect.
            return false;
        }
    }
}
