using System.Globalization;

namespace SshMcp.Bench.Server;

/// <summary>Reads a process's memory from <c>/proc/PID/status</c> and finds child processes in <c>/proc</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>Resident set size now, in bytes.</summary>
    public static long Rss(int pid) => ReadKib(pid, "VmRSS:") * 1024;

    /// <summary>How many threads the process has now.</summary>
    public static int Threads(int pid) => (int)ReadKib(pid, "Threads:");

    /// <summary>Peak resident set size ("high water mark") since start or the last <see cref="ResetPeak"/>, in bytes.</summary>
    public static long Peak(int pid) => ReadKib(pid, "VmHWM:") * 1024;

    /// <summary>Resets VmHWM to the current RSS (Linux 4.0+; needs to own the process). False when refused.</summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Children of this process whose command line contains <paramref name="fragment"/>.</summary>
    public static IReadOnlyList<int> ChildrenWithCommandLine(string fragment)
    {
        var parent = Environment.ProcessId;
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent
                    && File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Contains(fragment, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It ended while we looked.
            }
        }

        return found;
    }

    private static long ReadKib(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }
}
