using System.Globalization;
using SshMcp.Server.Shell;

namespace SshMcp.Server.Ssh;

/// <summary>
/// Every failure the agent can read, in one place and the same words whichever transport runs: what failed, where,
/// and what to do next. Never a secret, a command's text or a stack trace. Classifiers (one per SSH client) pick the
/// failure; this class says it.
/// </summary>
internal static class Failures
{
    // Opening a session.
    public static SshFailureException HostNotFound(string host, Exception? inner = null) => HostNotFound(host, host, inner);

    /// <summary>DNS does not know the host; <paramref name="alias"/> is the name asked for, <paramref name="hostName"/> what ssh_config made of it.</summary>
    public static SshFailureException HostNotFound(string alias, string hostName, Exception? inner = null) =>
        new(SshFailureKind.HostNotFound, string.Equals(alias, hostName, StringComparison.OrdinalIgnoreCase)
            ? $"'{alias}' is not in ~/.ssh/config and DNS does not know it. Check the spelling, add a Host entry for it to ~/.ssh/config, or use an IP address."
            : $"'{alias}' is in ~/.ssh/config as HostName {hostName}, and DNS does not know {hostName}. Fix its HostName in ~/.ssh/config, or check the DNS of the server's machine.", inner);

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

    /// <summary>ssh refused a key on its own (a known_hosts file of the user's that the server does not read).</summary>
    public static SshFailureException HostKeyRefusedBySsh(string host, int port, string sshSaid) =>
        new(SshFailureKind.HostKeyRejected, $"The host key of {Where(host, port)} was refused: {sshSaid.TrimEnd('.')}. If the host was re-keyed, remove the old entry (ssh-keygen -R) or pin the new key with hostKeyFingerprint.");

    /// <summary>A ProxyJump or ProxyCommand hop failed; <paramref name="why"/> is what it said.</summary>
    public static SshFailureException JumpFailed(string target, string why) =>
        new(SshFailureKind.ConnectionRefused, $"Could not reach {target} through its jump host or proxy (ProxyJump or ProxyCommand in ssh_config): {why.TrimEnd('.')}. Check that the jump host is reachable, accepts your login, and may forward to the target.");

    public static SshFailureException OpenSshMissing() =>
        new(SshFailureKind.InvalidArgument, "The openssh transport needs the OpenSSH client (ssh), and there is none on PATH. Install it, or pass transport sshnet.");

    public static SshFailureException OpenSshTooOld(string path, Version? version, Version minimum) =>
        new(SshFailureKind.InvalidArgument, $"The openssh transport needs OpenSSH {minimum} or later; {path} is {(version is null ? "of an unknown version" : $"OpenSSH {version}")}. Upgrade it, or pass transport sshnet.");

    public static SshFailureException NoHostKey(string host, int port) =>
        new(SshFailureKind.HostKeyRejected, $"{Where(host, port)} presented no host key.");

    public static SshFailureException ConnectTimeout(string host, int port, TimeSpan timeout) =>
        new(SshFailureKind.Timeout, $"Opening an SSH session to {Where(host, port)} did not finish within {Seconds(timeout)} s (no answer, a filtered port, or a very slow server). Check the host and port, or pass a longer connectTimeoutMs.");

    public static SshFailureException HandshakeFailed(string host, int port, string why, Exception? inner = null) =>
        new(SshFailureKind.ConnectionLost, $"The connection to {Where(host, port)} failed during the SSH handshake: {why.TrimEnd('.')}. Try again; if it persists, check the server.", inner);

    public static SshFailureException OpenFailed(string host, int port, string why, Exception? inner = null) =>
        new(SshFailureKind.Other, $"Could not open an SSH session to {Where(host, port)} ({why}).", inner);

    /// <summary>A failure at a jump host on the way: names the hop, keeps the failure's kind and its own advice.</summary>
    public static SshFailureException AtJumpHost(string jumpHost, string target, SshFailureException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(failure.Kind, $"Could not reach {target} through jump host {jumpHost} (ProxyJump): {failure.Message}", failure);
    }

    /// <summary>The jump host took the connection but what came back was not the next hop's SSH server.</summary>
    public static SshFailureException JumpForwardFailed(string jumpHost, string next, string hostName, int port, Exception? inner = null) =>
        new(SshFailureKind.ConnectionRefused, $"Jump host {jumpHost} did not connect {next} on to {Where(hostName, port)}: it refuses forwarding (AllowTcpForwarding, PermitOpen or DisableForwarding in its sshd_config), or it cannot reach {Where(hostName, port)} itself, or no SSH server answers there. Check {next}'s HostName and Port in ~/.ssh/config, and that the jump host can reach them.", inner);

    /// <summary>A process connected to the loopback port that exists only while a hop connects through its jump host.</summary>
    public static SshFailureException JumpForwardIntercepted(string jumpHost) =>
        new(SshFailureKind.ConnectionLost, $"Another local process connected to the temporary loopback port that forwarded through jump host {jumpHost}, so the connection was dropped. Try again; if it repeats, check the processes on the server's machine.");

    /// <summary>SSH.NET connects only through its own TCP socket: a ProxyCommand's stdin and stdout cannot carry it.</summary>
    public static SshFailureException ProxyCommandNeedsOpenSsh(string alias, string hopAlias) =>
        new(SshFailureKind.InvalidArgument, $"'{hopAlias}' is reached through a ProxyCommand in ~/.ssh/config{(alias == hopAlias ? "" : $" (on the way to '{alias}')")}, which the built-in SSH client cannot run. Open it with transport: openssh (the system ssh client runs ProxyCommand as your terminal does), or use ProxyJump instead.");

    public static SshFailureException ShellNotReady(string target, TimeSpan timeout, Exception? inner = null) =>
        new(SshFailureKind.Timeout, $"Connected to {target}, but the login shell did not become ready within {Seconds(timeout)} s (a profile script may wait for input). Check the account's shell start-up files, or pass a longer connectTimeoutMs.", inner);

    public static SshFailureException SessionChannelRefused(string target, Exception? inner = null) =>
        new(SshFailureKind.ChannelRefused, $"Connected to {target}, but the host refused to open a session channel (sshd's MaxSessions limit, or a policy that forbids sessions). Check the server's sshd_config.", inner);

    public static SshFailureException ShellFailed(string target, string why, Exception? inner = null) =>
        new(SshFailureKind.ShellFailed, $"Connected to {target}, but the shell could not be started: {why}. Check that the account has a working login shell and /bin/sh.", inner);

    // Using a session.
    public static SshFailureException SessionNotFound(string sessionId) =>
        new(SshFailureKind.SessionNotFound, $"No open session '{sessionId}'. It may have been closed, timed out after being idle, or never existed. Open one with ssh_open.");

    public static SshFailureException SessionLost(string sessionId) =>
        new(SshFailureKind.SessionLost, $"Session {sessionId} was lost with the server replica that held it; open a new session with ssh_open.");

    /// <summary>Cluster mode: the grain for a session id has no session behind it on its replica (the caller words the answer).</summary>
    public static SshFailureException SessionNotHeld() =>
        new(SshFailureKind.SessionNotHeld, "No session is held behind this id on this replica.");

    /// <summary>Cluster mode: a transfer with a local path reached a replica other than the one holding the session.</summary>
    public static SshFailureException LocalPathOnOtherReplica(string sessionId) =>
        new(SshFailureKind.LocalPathRefused, $"localPath is a path on the server replica that holds session {sessionId}, and this call reached another replica, so nothing was transferred. Pass the content inline instead (ssh_write_file content with append for large data; ssh_read_file or ssh_output with offset and maxBytes), or use localPath on a server without replicas.");

    public static SshFailureException ClusterUnavailable(string what, Exception? inner = null) =>
        new(SshFailureKind.ClusterUnavailable, $"The server replicas could not {what}: the cluster (or its Redis) is not answering. Try again shortly; if it persists, tell the server's operator.", inner);

    public static SshFailureException SessionClosed(string sessionId) =>
        new(SshFailureKind.SessionNotFound, $"Session {sessionId} was closed. Open a new session with ssh_open.");

    public static SshFailureException SessionBusy(string sessionId, TimeSpan waited) =>
        new(SshFailureKind.SessionBusy, $"Session {sessionId} is still running an earlier command; this call waited {Seconds(waited)} s for its turn. Wait for that command, pass a longer timeoutMs, or open another session for parallel work.");

    public static SshFailureException ConnectionLost(string target) =>
        new(SshFailureKind.ConnectionLost, $"The connection to {target} was lost. Open a new session with ssh_open.");

    /// <param name="why">How it was noticed, e.g. "it stopped answering"; null when the connection dropped.</param>
    public static SshFailureException ConnectionLostDuringCommand(string target, string? why) =>
        new(SshFailureKind.ConnectionLost, $"The connection to {target} was lost while running the command{(why is null ? "" : $" ({why})")}; whether it finished, and the rest of its output, are unknown. Open a new session with ssh_open.");

    /// <summary>A channel ended because its connection did (the session's code adds where and what to do).</summary>
    public static SshFailureException ChannelLost(Exception? inner = null) =>
        new(SshFailureKind.ConnectionLost, "the connection was lost", inner);

    /// <summary>The host refused to open a channel (sshd's MaxSessions, or a policy).</summary>
    public static SshFailureException ChannelRefused(Exception? inner = null) =>
        new(SshFailureKind.ChannelRefused, "the host refused to open a channel", inner);

    /// <summary>A channel's client failed for another reason; <paramref name="why"/> is what it said.</summary>
    public static SshFailureException ChannelFailed(string why) =>
        new(SshFailureKind.Other, $"opening a channel failed: {why.TrimEnd('.')}");

    public static SshFailureException ShellHasEnded(string sessionId) =>
        new(SshFailureKind.ShellEnded, $"The shell of session {sessionId} has ended. Open a new session with ssh_open.");

    // Files on the host. Each names the path and says what to do; a failed write always left the target as it was.
    public const string TargetKept = "The file was left as it was.";

    public static SshFailureException FileNotFound(string path) =>
        new(SshFailureKind.FileNotFound, $"No file {path} on the host. Check the path (a relative one is taken from the session's cwd), e.g. with ssh_exec ls.");

    public static SshFailureException IsDirectory(string path) =>
        new(SshFailureKind.InvalidArgument, $"{path} is a directory on the host, not a file. Give the path of a file.");

    public static SshFailureException NotRegularFile(string path) =>
        new(SshFailureKind.InvalidArgument, $"{path} is not a regular file on the host (a device, socket or pipe). Use ssh_exec for it.");

    public static SshFailureException DirectoryMissing(string directory) =>
        new(SshFailureKind.FileNotFound, $"The directory {directory} does not exist on the host. Pass createDirs: true to create it, or check the path.");

    /// <param name="doing">"read", "write", "create files in …".</param>
    public static SshFailureException FilePermissionDenied(string path, string doing, string user) =>
        new(SshFailureKind.PermissionDenied, $"Permission denied: {user} may not {doing} {path} on the host. {TargetKept} Use a path {user} may use, or ssh_exec with sudo.");

    public static SshFailureException OwnerNotKept(string path, string owner) =>
        new(SshFailureKind.PermissionDenied, $"{path} belongs to {owner} (uid:gid), which a new file in its place cannot keep without root. {TargetKept} Log in as its owner, or pass append: true (which writes into the file itself).");

    public static SshFailureException OffsetPastEnd(string path, long offset, long size) =>
        new(SshFailureKind.InvalidArgument, string.Create(CultureInfo.InvariantCulture, $"offset {offset} is past the end of {path} ({size} bytes). Pass an offset below {size}."));

    /// <param name="freeBytes">Bytes free where the file lies, when the host could tell.</param>
    public static SshFailureException WriteFailed(string path, long written, long total, string hostSaid, long? freeBytes, Exception? inner = null) =>
        new(SshFailureKind.TransferFailed, string.Create(CultureInfo.InvariantCulture, $"Writing {path} failed on the host after {written} of {total} bytes: {hostSaid.TrimEnd('.')}{(freeBytes is { } free ? $" ({free} bytes free on its file system)" : "")}. {TargetKept} If the disk is full, free space on the host or write elsewhere."), inner);

    public static SshFailureException WriteCheckFailed(string path, string found) =>
        new(SshFailureKind.TransferFailed, $"The host found {path} different from what was sent ({found}). {TargetKept} Try again.");

    public static SshFailureException LocalFileChanged(string localPath) =>
        new(SshFailureKind.TransferFailed, $"The local file {localPath} changed size while it was sent. The host's file was left as it was. Send it again once it is complete.");

    /// <param name="connectionLost">The session's connection is gone too (else only the file channel failed).</param>
    public static SshFailureException TransferInterrupted(string path, string target, string why, bool connectionLost, Exception? inner = null) =>
        new(
            connectionLost ? SshFailureKind.ConnectionLost : SshFailureKind.TransferFailed,
            $"The transfer of {path} stopped: {why.TrimEnd('.')}. A write in progress is undone on the host (the old content stays, the temp file goes). {(connectionLost ? $"The connection to {target} was lost: open a new session with ssh_open." : "Try again.")}",
            inner);

    public static SshFailureException FileOperationFailed(string path, string doing, string hostSaid, Exception? inner = null) =>
        new(SshFailureKind.TransferFailed, $"The host could not {doing} {path}: {hostSaid.TrimEnd('.')}. {TargetKept}", inner);

    public static SshFailureException FileChannelRefused(string target, Exception? inner = null) =>
        new(SshFailureKind.ChannelRefused, $"{target} refused another channel for the file transfer (sshd's MaxSessions limit). Wait for other transfers or commands of this session to end, or open another session.", inner);

    public static SshFailureException LocalPathDisabled() =>
        new(SshFailureKind.LocalPathRefused, "localPath is off on this server: set SshMcp:Files:LocalRoot to the directory it may use (an HTTP server has none by default). Or pass the data inline.");

    public static SshFailureException LocalPathOutsideRoot(string localPath, string root) =>
        new(SshFailureKind.LocalPathRefused, $"localPath {localPath} is outside the directory this server may use ({root}; symbolic links and .. resolved). Use a path inside it.");

    public static SshFailureException LocalFileMissing(string localPath) =>
        new(SshFailureKind.FileNotFound, $"No local file {localPath} on the server's machine. Check the path (a relative one is taken from SshMcp:Files:LocalRoot).");

    public static SshFailureException LocalPathIsDirectory(string localPath) =>
        new(SshFailureKind.InvalidArgument, $"localPath {localPath} is a directory; give a file path.");

    public static SshFailureException LocalDirectoryMissing(string localPath) =>
        new(SshFailureKind.FileNotFound, $"The directory of localPath {localPath} does not exist on the server's machine. Create it, or choose another path.");

    public static SshFailureException LocalIoFailed(string localPath, string why, Exception? inner = null) =>
        new(SshFailureKind.TransferFailed, $"The local file {localPath} could not be used: {why.TrimEnd('.')}.", inner);

    // Runs.
    public static SshFailureException RunNotFound(string runId, string target, TimeSpan startedAgo, int retentionHours) =>
        new(SshFailureKind.RunNotFound, $"No run {runId} of yours in this session or on {target} (its id says it started {Ago(startedAgo)} ago). A foreground run's output is kept only while its session is open; a background run is found from any session to the same host and user until {retentionHours} h after it ended. Check the runId, or run the command again.");

    public static SshFailureException RunDropped(string runId, long spoolBytes) =>
        new(SshFailureKind.RunNotFound, $"The output of run {runId} was dropped from this session's spool to make room for newer output (it keeps {Mebibytes(spoolBytes)} MiB, SshMcp:Output:SpoolBytesPerSession). Run the command again if you need it.");

    public static SshFailureException RunNotKept(string runId, string why) =>
        new(SshFailureKind.RunNotFound, $"The output of run {runId} beyond what ssh_exec returned was not kept: {why}.");

    public static SshFailureException RunRemoved(string runId, TimeSpan? endedAgo, int? exitCode, int retentionHours) =>
        new(SshFailureKind.RunNotFound, $"Run {runId} ended {(endedAgo is { } ago ? Ago(ago) + " ago" : "long ago")}{ExitText(exitCode)}; its output was removed, as every background run's is {retentionHours} h after it ends.");

    public static SshFailureException OffsetPastEnd(string runId, string stream, long offset, long total, bool running) =>
        new(SshFailureKind.InvalidArgument, $"offset {offset} is past the end of run {runId}'s {stream}, which has {total} bytes{(running ? " so far" : "")}. Continue from the nextOffset of the previous answer, or start at 0.");

    public static SshFailureException BackgroundRefused(string target) =>
        new(SshFailureKind.RunFailed, $"Could not start a background run on {target}: no private directory could hold its files (~/.cache/sshmcp/runs, else /tmp/sshmcp-UID/runs, must be the user's own and writable). Check the home directory's permissions and free space.");

    public static SshFailureException BackgroundUnreadable(string target) =>
        new(SshFailureKind.RunFailed, $"Starting a background run on {target} gave no answer the server understands (a shell function or alias may shadow printf, echo or command). Check the session with ssh_exec, or open a new one.");

    public static SshFailureException RunQuestionFailed(string target, string why, Exception? inner = null) =>
        new(SshFailureKind.RunFailed, $"Could not ask {target} about its background runs: {why.TrimEnd('.')}. Try again; if it persists, open a new session.", inner);

    public static SshFailureException StopForegroundRun(string runId) =>
        new(SshFailureKind.InvalidArgument, $"Run {runId} is a foreground ssh_exec still in progress: it stops at its timeoutMs, or when that call is cancelled. ssh_stop stops background runs.");

    public static string BackgroundWithoutSetsidNotice =>
        "setsid is not installed on the host, so the run shares the session's process group; it still outlives the session, and ssh_stop finds its processes by their environment.";

    public static string ExitText(int? exitCode) => exitCode is { } code
        ? $" with exit code {code.ToString(CultureInfo.InvariantCulture)}{(code > 128 && Signals.NameOf(code - 128) is { } name ? $" (SIG{name})" : "")}"
        : " without an exit status (killed from outside, or the host restarted)";

    // Notices: not failures, but what a result says about the session's state.
    public static string ShellEndedNotice(int? exitCode, string? signal) => signal is null
        ? $"The shell ended (exit status {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}); this session is closed. Open a new session with ssh_open."
        : $"The shell was killed by signal {signal}{(exitCode is { } code ? $" (exit status {code.ToString(CultureInfo.InvariantCulture)})" : "")}; this session is closed. Open a new session with ssh_open.";

    public const string StopChannelRefusedNotice =
        "The host refused a second SSH channel (sshd's MaxSessions limit), which stopping a command needs, so the command may still be running on the host. This session was closed; open a new one with ssh_open.";

    public const string ShellEndedToStopNotice =
        "The command did not end when its processes were signalled (it was running inside the shell itself, such as a shell loop), so the shell was ended. Open a new session with ssh_open.";

    public const string ExecTransferNotice =
        "The host has no SFTP server, so the file went through shell tools (head, tail, sha256sum) on exec channels.";

    public const string UnverifiedNotice =
        "The host has no sha256sum, shasum or openssl: sha256 is of the bytes sent, not checked on the host.";

    public static string Ago(TimeSpan time) => time.TotalHours >= 2
        ? string.Create(CultureInfo.InvariantCulture, $"{(long)time.TotalHours} h")
        : time.TotalMinutes >= 2 ? string.Create(CultureInfo.InvariantCulture, $"{(long)time.TotalMinutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (long)time.TotalSeconds)} s");

    public static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Where(string host, int port) => string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
