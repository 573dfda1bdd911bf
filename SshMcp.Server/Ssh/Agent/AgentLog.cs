using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Ssh.Agent;

/// <summary>Log lines about the ssh-agent: socket paths and counts, never keys, comments or signatures.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(3100, LogLevel.Debug, "The ssh-agent at {AgentSocket} ({AgentOrigin}) holds {IdentityCount} identities")]
    public static partial void Listed(ILogger logger, string agentSocket, string agentOrigin, int identityCount);

    [LoggerMessage(3101, LogLevel.Warning, "The ssh-agent at {AgentSocket} ({AgentOrigin}) could not be used: {AgentFailure}")]
    public static partial void Unreachable(ILogger logger, string agentSocket, string agentOrigin, string agentFailure);
}
