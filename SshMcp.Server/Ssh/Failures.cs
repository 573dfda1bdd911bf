using System.Globalization;

namespace SshMcp.Server.Ssh;

/// <summary>
/// Every failure the agent can read, in one place and the same words whichever transport runs: what failed, where,
/// and what to do next. Never a secret, a command's text or a stack trace. Classifiers (one per SSH client) pick the
/// failure; this class says it.
/// </summary>
internal static class Failures
{
    // Opening a session.
    public static SshFailureException HostNotFound(string host, Exception? inner = null) =>
        new(SshFailureKind.HostNotFound, $"Unknown host name '{host}': it could not be resolved. Check the spelling, or use an IP address.", inner);

    public static SshFailureException ConnectionRefused(string host, int port, Exception? inner = null) =>
        new(SshFailureKind.ConnectionRefused, $"Connection refused by {Where(host, port)}: nothing listens on that port. Check the host and port (SSH is usually 22).", inner);

    public static SshFailureException Unreachable(string host, int port, string why, Exception? inner = null) =>
        new(SshFailureKind.ConnectionRefused, $"{Where(host, port)} cannot be reached ({why}). Check the host and the network.", inner);

    public static SshFailureException CouldNotConnect(string host, int port, string why, Exception? inner = null) =>
        new(SshFailureKind.Other, $"Could not connect to {Where(host, port)}: {why.TrimEnd('.')}.", inner);

    /// <param name="refusal">What the local side knows about why (an expired certificate, say), or null.</param>
    public static SshFailureException AuthenticationFailed(string target, IReadOnlyList<string> methodsTried, string serverSaid, string? refusal, Exception? inner = null) =>
        new(SshFailureKind.AuthenticationFailed, $"Authentication failed for {target} (tried: {string.Join(", ", methodsTried)}). {(refusal is null ? "Check the username and the password or key; the server said" : refusal + " The server said")}: {serverSaid}", inner);

    /// <summary>A person declined, dismissed or never answered a prompt for a secret: nothing logged in.</summary>
    public static SshFailureException SecretDeclined(SecretPrompt prompt) =>
        new(SshFailureKind.SecretNotGiven, $"The {prompt.What} for {prompt.Target} was declined, so the login stopped and no session was opened. Call ssh_open again to be asked again, or pass the credential as an argument.");

    public static SshFailureException SecretCancelled(SecretPrompt prompt) =>
        new(SshFailureKind.SecretNotGiven, $"The prompt for the {prompt.What} for {prompt.Target} was dismissed, so the login stopped and no session was opened. Call ssh_open again to be asked again.");

    public static SshFailureException SecretTimedOut(SecretPrompt prompt, TimeSpan bound) =>
        new(SshFailureKind.SecretNotGiven, $"No {prompt.What} for {prompt.Target} was entered within {Seconds(bound)} s, so the login stopped and no session was opened. Call ssh_open again and enter it on the page the link opens.");

    /// <summary>A retried ssh_open whose requestState names no login that is still waiting.</summary>
    public static SshFailureException LoginNoLongerWaiting() =>
        new(SshFailureKind.SessionNotFound, "This ssh_open is no longer waiting for an answer (it finished, was cancelled, or expired). Call ssh_open again.");

    public static SshFailureException NotSsh(string host, int port, Exception? inner = null) =>
        new(SshFailureKind.NotSsh, $"{Where(host, port)} closed the connection before the SSH handshake: it does not look like an SSH server. Check the port.", inner);

    public static SshFailureException HostKeyRefused(string host, int port, Exception? inner = null) =>
        new(SshFailureKind.HostKeyRejected, $"The host key of {Where(host, port)} was refused.", inner);

    /// <summary>A key the verifier refused; its message names both fingerprints and the file to edit.</summary>
    public static SshFailureException HostKeyRejected(string host, int port, string? verifierMessage, Exception? inner = null) =>
        new(SshFailureKind.HostKeyRejected, verifierMessage ?? $"The host key of {Where(host, port)} was refused.", inner);

    public static SshFailureException NoHostKey(string host, int port) =>
        new(SshFailureKind.HostKeyRejected, $"{Where(host, port)} presented no host key.");

    public static SshFailureException ConnectTimeout(string host, int port, TimeSpan timeout) =>
        new(SshFailureKind.Timeout, $"Opening an SSH session to {Where(host, port)} did not finish within {Seconds(timeout)} s (no answer, a filtered port, or a very slow server). Check the host and port, or pass a longer connectTimeoutMs.");

    public static SshFailureException HandshakeFailed(string host, int port, string why, Exception? inner = null) =>
        new(SshFailureKind.ConnectionLost, $"The connection to {Where(host, port)} failed during the SSH handshake: {why.TrimEnd('.')}. Try again; if it persists, check the server.", inner);

    public static SshFailureException OpenFailed(string host, int port, string why, Exception? inner = null) =>
        new(SshFailureKind.Other, $"Could not open an SSH session to {Where(host, port)} ({why}).", inner);

    public static SshFailureException ShellNotReady(string target, TimeSpan timeout, Exception? inner = null) =>
        new(SshFailureKind.Timeout, $"Connected to {target}, but the login shell did not become ready within {Seconds(timeout)} s (a profile script may wait for input). Check the account's shell start-up files, or pass a longer connectTimeoutMs.", inner);

    public static SshFailureException SessionChannelRefused(string target, Exception? inner = null) =>
        new(SshFailureKind.ChannelRefused, $"Connected to {target}, but the host refused to open a session channel (sshd's MaxSessions limit, or a policy that forbids sessions). Check the server's sshd_config.", inner);

    public static SshFailureException ShellFailed(string target, string why, Exception? inner = null) =>
        new(SshFailureKind.ShellFailed, $"Connected to {target}, but the shell could not be started: {why}. Check that the account has a working login shell and /bin/sh.", inner);

    // Using a session.
    public static SshFailureException SessionNotFound(string sessionId) =>
        new(SshFailureKind.SessionNotFound, $"No open session '{sessionId}'. It may have been closed, timed out after being idle, or never existed. Open one with ssh_open.");

    public static SshFailureException SessionClosed(string sessionId) =>
        new(SshFailureKind.SessionNotFound, $"Session {sessionId} was closed. Open a new session with ssh_open.");

    public static SshFailureException SessionBusy(string sessionId, TimeSpan waited) =>
        new(SshFailureKind.SessionBusy, $"Session {sessionId} is still running an earlier command; this call waited {Seconds(waited)} s for its turn. Wait for that command, pass a longer timeoutMs, or open another session for parallel work.");

    public static SshFailureException ConnectionLost(string target) =>
        new(SshFailureKind.ConnectionLost, $"The connection to {target} was lost. Open a new session with ssh_open.");

    /// <param name="why">How it was noticed, e.g. "it stopped answering"; null when the connection dropped.</param>
    public static SshFailureException ConnectionLostDuringCommand(string target, string? why) =>
        new(SshFailureKind.ConnectionLost, $"The connection to {target} was lost while running the command{(why is null ? "" : $" ({why})")}; whether it finished, and the rest of its output, are unknown. Open a new session with ssh_open.");

    public static SshFailureException ShellHasEnded(string sessionId) =>
        new(SshFailureKind.ShellEnded, $"The shell of session {sessionId} has ended. Open a new session with ssh_open.");

    // Notices: not failures, but what a result says about the session's state.
    public static string ShellEndedNotice(int? exitCode, string? signal) => signal is null
        ? $"The shell ended (exit status {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}); this session is closed. Open a new session with ssh_open."
        : $"The shell was killed by signal {signal}; this session is closed. Open a new session with ssh_open.";

    public const string StopChannelRefusedNotice =
        "The host refused a second SSH channel (sshd's MaxSessions limit), which stopping a command needs, so the command may still be running on the host. This session was closed; open a new one with ssh_open.";

    public const string ShellEndedToStopNotice =
        "The command did not end when its processes were signalled (it was running inside the shell itself, such as a shell loop), so the shell was ended. Open a new session with ssh_open.";

    private static string Where(string host, int port) => string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
