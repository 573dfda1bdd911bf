using System.Globalization;

namespace SshMcp.TestKit;

/// <summary>The processes below one process, read from /proc (Linux), with their argv and environment.</summary>
public static class ProcessTree
{
    /// <summary>Every live descendant of <paramref name="root"/>, read at this moment; processes that end meanwhile are skipped.</summary>
    public static IReadOnlyList<ProcessSnapshot> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ReadParent(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var wanted = new HashSet<int> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (wanted.Contains(parent) && wanted.Add(pid))
                {
                    grew = true;
                }
            }
        }
        while (grew);

        wanted.Remove(root);
        return [.. wanted.Select(Read).OfType<ProcessSnapshot>()];
    }

    /// <summary>The parent of <paramref name="pid"/>, or null when it is gone or unreadable.</summary>
    public static int? ReadParent(int pid)
    {
        try
        {
            // Fields after the last ") " (a command name may hold both): state, then the parent's pid.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(") ", StringComparison.Ordinal) + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static ProcessSnapshot? Read(int pid)
    {
        try
        {
            var argv = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            var environment = File.ReadAllText($"/proc/{pid}/environ").Replace('\0', '\n');
            return new ProcessSnapshot(pid, argv, environment);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
