namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// ssh exits with the remote command's status, but ignores the exit-signal message that says a signal ended it
/// (it exits 255, as for its own errors). So the session's shell runs under a small /bin/sh parent on the host that
/// outlives it and exits with its status, which for a signal is 128 + its number, as a shell's <c>$?</c> says:
/// <c>kill -9 $$</c> then reads as KILL, as SSH.NET reports it. Only the signals whose numbers POSIX systems share are
/// named; a shell that itself exits with such a status (<c>exit 137</c>) reads as that signal too. The parent's first
/// byte (<see cref="StartedMarker"/>) tells the channel is open and the command started.
/// </summary>
internal static class ExitWrapper
{
    private static readonly Dictionary<int, string> SignalNames = new()
    {
        [1] = "HUP", [2] = "INT", [3] = "QUIT", [6] = "ABRT", [9] = "KILL", [13] = "PIPE", [14] = "ALRM", [15] = "TERM",
    };

    /// <summary>What the parent prints on stdout before it starts the command: the channel is open and the command runs.</summary>
    public const string StartedMarker = "+";

    /// <summary>The command line that runs <paramref name="commandLine"/> under the parent (any login shell can read it).</summary>
    public static string Wrap(string commandLine) =>
        "exec /bin/sh -c 'printf " + StartedMarker + "; (" + commandLine.Replace("'", "'\\''", StringComparison.Ordinal) + "); exit $?'";

    /// <summary>
    /// The session's shell (<see cref="Shell.ShellScripts.LoginShell"/>) under the parent, as the parent's own child: the
    /// same as <see cref="Wrap"/> of <see cref="Shell.ShellScripts.Launcher"/>, without the subshell and the second /bin/sh
    /// (the choice of shell runs no command of its own that could replace the parent).
    /// </summary>
    /// <remarks>
    /// A shell that ends with status 255 makes the parent print <see cref="Status255Marker"/> last on stdout: ssh exits
    /// 255 for that status and for a lost connection alike, and the master running this command has no other ssh
    /// whose survival would tell them apart (see <see cref="LastStatusTail"/>).
    /// </remarks>
    public static string WrapLoginShell() =>
        "exec /bin/sh -c 'printf " + StartedMarker + "; " + Shell.ShellScripts.LoginShell
        + "; s=$?; [ $s -ne 255 ] || printf \"" + Status255MarkerEscaped + "\"; exit $s'";

    /// <summary>What the parent of <see cref="WrapLoginShell"/> prints after a shell that ended with status 255.</summary>
    public const string Status255Marker = "\u001e\u001eexit 255\u001e\u001e";

    /// <summary><see cref="Status255Marker"/> as printf writes it (octal escapes, no quote).</summary>
    private const string Status255MarkerEscaped = "\\036\\036exit 255\\036\\036";

    public static (int? Status, string? Signal) Read(int exitCode) =>
        exitCode > 128 && SignalNames.TryGetValue(exitCode - 128, out var signal) ? (null, signal) : (exitCode, null);
}
