namespace SshMcp.Server.Ssh.Agent;

/// <summary>A request to an ssh-agent failed. The message names the failure, never a key or a signature.</summary>
internal sealed class SshAgentException(SshAgentFailure failure, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public SshAgentFailure Failure { get; } = failure;
}
