using System.Net.Sockets;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// Session directories a server could not remove because it was killed (SIGKILL, a crash, a power cut): each holds a
/// config, the helper and the control socket of a master that died with it. The first openssh open of a server removes
/// those in the temp directory, and only those: the config must be ours (its first line), and the control socket must
/// refuse connections (no master listens: a live session of another server answers, and a session still logging in has
/// no socket yet). Best effort, off the open's path.
/// </summary>
internal static class StaleSessionDirectories
{
    private const string Pattern = "sshmcp-??????";

    /// <summary>Removes the stale directories under <paramref name="root"/>; returns how many.</summary>
    public static int Sweep(string root)
    {
        var removed = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(root, Pattern);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (var directory in candidates)
        {
            if (IsStale(directory))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                    removed++;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Gone meanwhile, or not ours to remove.
                }
            }
        }

        return removed;
    }

    private static bool IsStale(string directory)
    {
        try
        {
            var config = Path.Combine(directory, "config");
            var socket = Path.Combine(directory, "c");
            if (!File.Exists(config) || !File.Exists(Path.Combine(directory, "h")) || !File.Exists(socket))
            {
                return false;
            }

            using (var reader = new StreamReader(config))
            {
                if (reader.ReadLine() != OpenSshConfigFile.FirstLine)
                {
                    return false;
                }
            }

            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            probe.Connect(new UnixDomainSocketEndPoint(socket));
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SocketException)
        {
            return false;
        }
    }
}
