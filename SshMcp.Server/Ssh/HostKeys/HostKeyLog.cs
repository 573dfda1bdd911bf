namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>Log messages of the host key checks; event ids 2000–2099. Fingerprints and file names are not secret.</summary>
internal static partial class HostKeyLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug,
        Message = "Read {Path}: {EntryCount} host keys, {MalformedLines} unusable lines skipped")]
    public static partial void KnownHostsLoaded(ILogger logger, string path, int entryCount, int malformedLines);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug,
        Message = "Skipped {LineCount} @cert-authority lines in {Path}: host certificates are not supported")]
    public static partial void CertAuthorityLinesSkipped(ILogger logger, string path, int lineCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Cannot read known hosts file {Path}; host keys are refused until it can be read")]
    public static partial void KnownHostsUnreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning,
        Message = "Refused host {Host}:{Port}: its key {Fingerprint} differs from the known key in {Path} line {LineNumber}")]
    public static partial void HostKeyChanged(ILogger logger, string host, int port, string fingerprint, string path, int lineNumber);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning,
        Message = "Refused host {Host}:{Port}: its key {Fingerprint} is revoked in {Path} line {LineNumber}")]
    public static partial void HostKeyRevoked(ILogger logger, string host, int port, string fingerprint, string path, int lineNumber);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning,
        Message = "Refused host {Host}:{Port}: its key {Fingerprint} does not match the pinned {PinnedFingerprint}")]
    public static partial void PinMismatch(ILogger logger, string host, int port, string fingerprint, string pinnedFingerprint);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information,
        Message = "Refused unknown host {Host}:{Port} with key {Fingerprint}: the host key policy is strict")]
    public static partial void UnknownHostRefused(ILogger logger, string host, int port, string fingerprint);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information,
        Message = "Remembered host {Host}:{Port} key {KeyType} {Fingerprint} in {Path}")]
    public static partial void HostKeyRemembered(ILogger logger, string host, int port, string keyType, string fingerprint, string path);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning,
        Message = "Could not record host {Host}:{Port} in {Path}; it will count as new next time")]
    public static partial void RememberFailed(ILogger logger, string host, int port, string path, Exception exception);
}
