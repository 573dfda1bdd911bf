namespace SshMcp.Server.Ssh.Agent;

/// <summary>How a request to an ssh-agent failed.</summary>
internal enum SshAgentFailure
{
    /// <summary>No socket at the path, nobody listening, or no permission to connect.</summary>
    Unreachable,

    /// <summary>The agent took longer than the request's deadline.</summary>
    Timeout,

    /// <summary>The agent answered SSH_AGENT_FAILURE (for example the key was removed, or its use was not confirmed).</summary>
    Refused,

    /// <summary>The peer closed early or sent something that is not the agent protocol.</summary>
    Malformed,
}
