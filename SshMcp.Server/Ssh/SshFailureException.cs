using Orleans;

namespace SshMcp.Server.Ssh;

/// <summary>
/// A failure with a message fit for the agent: what went wrong and what to do next, never a secret or a stack trace.
/// Tools turn it into an MCP tool error.
/// </summary>
[GenerateSerializer]
public sealed class SshFailureException : Exception
{
    public SshFailureException()
    {
    }

    public SshFailureException(string message)
        : base(message)
    {
    }

    public SshFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SshFailureException(SshFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    [Id(0)]
    internal SshFailureKind Kind { get; } = SshFailureKind.Other;
}
