using SshMcp.Server.Principals;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Sessions;

/// <summary>Sessions in this process only: the <see cref="SessionRegistry"/>, as the tools see it. The default.</summary>
internal sealed class LocalSessionService(SessionRegistry registry) : ISessionService
{
    public async Task<SessionSnapshot> OpenAsync(OpenRequest request, Principal owner, CancellationToken cancellationToken) =>
        SessionSnapshot.Of(await registry.OpenAsync(request, owner, cancellationToken));

    public Task<ExecOutcome> ExecAsync(string sessionId, Principal owner, string command, TimeSpan timeout, CancellationToken cancellationToken) =>
        registry.ExecAsync(sessionId, owner, command, timeout, cancellationToken);

    public Task<bool> CloseAsync(string sessionId, Principal owner, CancellationToken cancellationToken) =>
        registry.CloseAsync(sessionId, owner);

    public Task<IReadOnlyList<SessionSnapshot>> ListAsync(Principal owner, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SessionSnapshot>>([.. registry.List(owner).OrderBy(s => s.OpenedAt).Select(SessionSnapshot.Of)]);
}
