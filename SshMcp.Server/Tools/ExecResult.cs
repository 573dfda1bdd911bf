using System.Text.Json.Serialization;

namespace SshMcp.Server.Tools;

/// <summary>
/// The result of <c>ssh_exec</c>. A non-zero exit code is data, not a tool error. Fields that say something only in
/// some states (a stop, a notice, a cut) are optional: absent when there is nothing to say, never <c>null</c> where
/// the schema requires a value. That keeps the common answer short and every answer valid for strict clients.
/// </summary>
/// <param name="RunId">The run's id: ssh_output reads its whole output with it (ssh_stop stops a background run).</param>
/// <param name="ExitCode">The command's exit status (128 + the signal when the shell was killed); absent while a background run goes on.</param>
/// <param name="Cwd">The working directory after the command.</param>
/// <param name="Running">Present (true) for a background run just started.</param>
/// <param name="TimedOut">Present (true) when the timeout stopped the command.</param>
/// <param name="Stop">When the command was stopped: "stopped" (its processes are gone) or "stop-unconfirmed".</param>
/// <param name="ShellEnded">Present (true) when the shell exited (exit, exec, a kill): the session is closed.</param>
/// <param name="Truncated">Present (true) when output was cut: each stream keeps its first and last part, the middle is counted in *OmittedBytes and readable with ssh_output.</param>
/// <param name="Notice">Anything else worth knowing, such as what to do next.</param>
public sealed record ExecResult(
    string RunId,
    string Stdout,
    string Stderr,
    string Cwd,
    long DurationMs,
    long StdoutBytes,
    long StderrBytes,
    int? ExitCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Running = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool TimedOut = false,
    string? Stop = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ShellEnded = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Truncated = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long StdoutOmittedBytes = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long StderrOmittedBytes = 0,
    string? Notice = null);
