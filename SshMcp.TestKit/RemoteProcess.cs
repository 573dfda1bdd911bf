namespace SshMcp.TestKit;

/// <summary>A process of the test user, as <c>ps -o pid=,ppid=,pgid=,stat=,args=</c> shows it.</summary>
public sealed record RemoteProcess(int Pid, int Ppid, int Pgid, string Stat, string Args)
{
    /// <summary>True for a process that has exited but has not been reaped.</summary>
    public bool IsZombie => Stat.StartsWith('Z');

    internal static RemoteProcess? TryParse(string line)
    {
        var fields = line.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length < 4
            || !int.TryParse(fields[0], out var pid)
            || !int.TryParse(fields[1], out var ppid)
            || !int.TryParse(fields[2], out var pgid))
        {
            return null;
        }

        return new RemoteProcess(pid, ppid, pgid, fields[3], fields.Length == 5 ? fields[4] : "");
    }
}
