using System.Globalization;

namespace SshMcp.Tests.Shell;

/// <summary>This machine's processes as /proc shows them (the tests run on Linux only).</summary>
internal static class LocalProcesses
{
    /// <summary>True when the process has exited: gone from /proc, or a zombie nobody has reaped yet.</summary>
    public static bool IsGone(int pid) => State(pid) is null or 'Z';

    /// <summary>The live (non-zombie) descendants of <paramref name="root"/>, with their command names.</summary>
    public static IReadOnlyDictionary<int, string> LiveDescendants(int root)
    {
        var table = new Dictionary<int, (int Ppid, char State, string Comm)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } stat)
            {
                table[pid] = stat;
            }
        }

        var found = new Dictionary<int, string>();
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, (ppid, state, comm)) in table)
            {
                if (state != 'Z' && !found.ContainsKey(pid) && (ppid == root || found.ContainsKey(ppid)))
                {
                    found[pid] = comm;
                    grew = true;
                }
            }
        }
        while (grew);
        return found;
    }

    private static char? State(int pid) => Stat(pid)?.State;

    /// <summary>/proc/PID/stat is "pid (comm) state ppid …"; comm may hold spaces and parentheses, so split at the last ')'.</summary>
    private static (int Ppid, char State, string Comm)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        return (int.Parse(fields[1], CultureInfo.InvariantCulture), fields[0][0], text[(open + 1)..close]);
    }
}
