using SshMcp.Server.Ssh;

namespace SshMcp.Server.Elicitation;

/// <summary>One process: every attempt is held here, so one not found here is gone.</summary>
internal sealed class LocalOpenAttempts : IOpenAttemptRouter
{
    public Task AnnounceAsync(string attemptId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<OpenStep> ContinueAsync(string attemptId, string owner, int round, string action, CancellationToken cancellationToken) =>
        Task.FromException<OpenStep>(Failures.LoginNoLongerWaiting());
}
