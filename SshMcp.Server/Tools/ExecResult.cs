namespace SshMcp.Server.Tools;

/// <summary>The result of <c>ssh_exec</c>. A non-zero exit code is data, not a tool error.</summary>
/// <param name="ExitCode">The command's exit status; null when the shell was killed by a signal.</param>
/// <param name="Cwd">The working directory after the command.</param>
/// <param name="Stop">When the command was stopped: "stopped" (its processes are gone) or "stop-unconfirmed".</param>
/// <param name="ShellEnded">The shell exited (exit, exec, a kill): the session is closed.</param>
/// <param name="Truncated">Output was cut: each stream keeps its first and last part, the middle is counted in *OmittedBytes.</param>
/// <param name="Notice">Anything else worth knowing, such as what to do next.</param>
public sealed record ExecResult(
    string Stdout,
    string Stderr,
    int? ExitCode,
    string Cwd,
    long DurationMs,
    bool TimedOut,
    string? Stop,
    bool ShellEnded,
    bool Truncated,
    long StdoutBytes,
    long StderrBytes,
    long StdoutOmittedBytes,
    long StderrOmittedBytes,
    string? Notice);
