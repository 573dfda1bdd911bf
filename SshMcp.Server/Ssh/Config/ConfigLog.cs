using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Ssh.Config;

/// <summary>Log messages of ssh_config resolution; event ids 2100–2199. Aliases, paths and ssh's messages are not secret.</summary>
internal static partial class ConfigLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information,
        Message = "Host aliases resolve through ssh_config with the {Resolver} resolver (SshMcp:SshConfigResolver={Mode})")]
    public static partial void ResolverChosen(ILogger logger, string resolver, string mode);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug,
        Message = "ssh -G for {Alias} exited with code {ExitCode}: {Stderr}")]
    public static partial void SshFailed(ILogger logger, string alias, int exitCode, string stderr);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug,
        Message = "Resolved {Alias} to {User}@{HostName}:{Port} with {JumpCount} jump hosts in {ElapsedMs} ms")]
    public static partial void Resolved(ILogger logger, string alias, string user, string hostName, int port, int jumpCount, long elapsedMs);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug,
        Message = "Resolved {Alias} from the ssh -G cache: its config files, ssh and environment are unchanged")]
    public static partial void ResolvedFromCache(ILogger logger, string alias);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug,
        Message = "ssh -G runs on every resolution, uncached, because of {Reason}")]
    public static partial void NotCached(ILogger logger, string reason);
}
