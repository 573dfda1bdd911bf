namespace SshMcp.Server.Shell;

/// <summary>
/// Signal names as SSH reports them (<c>KILL</c>, <c>TERM</c>) and their Linux numbers, for the exit status a shell
/// would report: 128 + the number (137 for KILL).
/// </summary>
internal static class Signals
{
    private static readonly string[] Names =
        ["", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM"];

    /// <summary>128 + the signal's number; null for a name not known here.</summary>
    public static int? ExitCodeOf(string? signal)
    {
        var index = signal is null ? -1 : Array.IndexOf(Names, signal.StartsWith("SIG", StringComparison.Ordinal) ? signal[3..] : signal);
        return index > 0 ? 128 + index : null;
    }

    public static string? NameOf(int number) => number > 0 && number < Names.Length ? Names[number] : null;
}
