using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// Log messages of the OpenSSH transport; event ids 4100–4199. ssh's own messages are logged as it printed them: ssh
/// never prints a password, passphrase or key (they reach it through the helper and files, never its output).
/// </summary>
internal static partial class OpenSshLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug,
        Message = "ssh master for {Host}:{Port} (pid {Pid}) is ready in {ElapsedMs} ms")]
    public static partial void MasterReady(ILogger logger, string host, int port, int pid, long elapsedMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug,
        Message = "ssh for {Host}:{Port} exited with code {ExitCode} before logging in; it said: {SshSaid}")]
    public static partial void MasterFailed(ILogger logger, string host, int port, int exitCode, string sshSaid);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug,
        Message = "ssh master for {Host} (pid {Pid}) ended before the session closed, with code {ExitCode}")]
    public static partial void MasterEnded(ILogger logger, string host, int pid, int exitCode);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Debug,
        Message = "The ssh helper sent a request of {Length} bytes without an end; dropped")]
    public static partial void HelperRequestTooLong(ILogger logger, int length);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning,
        Message = "The ssh helper channel failed: {Error}")]
    public static partial void HelperFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Debug,
        Message = "ssh asked for {Kind} while logging in to {Host}:{Port}; answered: {Answered}")]
    public static partial void HelperAsked(ILogger logger, string kind, string host, int port, bool answered);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Debug,
        Message = "A jump host's ssh (pid {Pid}) asked for a secret while logging in to {Host}:{Port}; refused, as a jump host gets none of the call's")]
    public static partial void JumpHostPromptRefused(ILogger logger, int pid, string host, int port);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Information,
        Message = "Removed {Count} session directories that servers before this one left behind (their masters are gone)")]
    public static partial void StaleDirectoriesRemoved(ILogger logger, int count);

    [LoggerMessage(EventId = 4115, Level = LogLevel.Information,
        Message = "{Host}:{Port} did not present the one key the server knows for it; connecting again with the full host key check, which says why")]
    public static partial void KnownKeyRefused(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Information,
        Message = "The OpenSSH client {SshPath} ({Version}) {Usable} for transport openssh")]
    public static partial void ClientFound(ILogger logger, string sshPath, string version, string usable);
}
