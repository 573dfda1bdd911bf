using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Http;

/// <summary>Log messages of the HTTP transport; event ids 1100–1199. Never a token, nor the value of an Authorization header.</summary>
internal static partial class HttpLog
{
    [LoggerMessage(1100, LogLevel.Information, "Serving MCP at {Endpoint} ({Authentication})")]
    public static partial void Listening(ILogger logger, string endpoint, string authentication);

    [LoggerMessage(1101, LogLevel.Warning, "Listening on {BindAddress}, but only the host names {AllowedHosts} are allowed; set SshMcp:Http:AllowedHosts to the names clients use")]
    public static partial void LoopbackHostsOnPublicAddress(ILogger logger, string bindAddress, string allowedHosts);

    [LoggerMessage(1110, LogLevel.Warning, "Refused a request to {Path}: Host '{Host}' is not allowed (possible DNS rebinding)")]
    public static partial void HostRefused(ILogger logger, string host, string path);

    [LoggerMessage(1111, LogLevel.Warning, "Refused a request to {Path}: Origin '{Origin}' is not allowed")]
    public static partial void OriginRefused(ILogger logger, string origin, string path);

    [LoggerMessage(1112, LogLevel.Warning, "Refused a request to {Path}: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, string reason, string path);

    [LoggerMessage(1113, LogLevel.Information, "Refused a request to {Path}: body of {Length} bytes is over the limit of {Limit}")]
    public static partial void BodyTooLarge(ILogger logger, long? length, long limit, string path);
}
