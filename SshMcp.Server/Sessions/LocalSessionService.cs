using SshMcp.Server.Files;
using SshMcp.Server.Principals;
using SshMcp.Server.Runs;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Sessions;

/// <summary>Sessions in this process only: the <see cref="SessionRegistry"/>, as the tools see it. The default.</summary>
internal sealed class LocalSessionService(SessionRegistry registry) : ISessionService
{
    public async Task<SessionSnapshot> OpenAsync(OpenRequest request, Principal owner, CancellationToken cancellationToken) =>
        SessionSnapshot.Of(await registry.OpenAsync(request, owner, cancellationToken));

    public Task<ExecOutcome> ExecAsync(string sessionId, Principal owner, ExecRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken) =>
        registry.ExecAsync(sessionId, owner, request, progress, cancellationToken);

    public Task<OutputChunk> ReadOutputAsync(string sessionId, Principal owner, OutputRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken) =>
        registry.ReadOutputAsync(sessionId, owner, request, progress, cancellationToken);

    public Task<StopOutcome> StopRunAsync(string sessionId, Principal owner, string runId, CancellationToken cancellationToken) =>
        registry.StopRunAsync(sessionId, owner, runId, cancellationToken);

    public Task<RunListing> ListRunsAsync(Principal owner, CancellationToken cancellationToken) =>
        registry.ListRunsAsync(owner, cancellationToken);

    public Task<ReadFileOutcome> ReadFileAsync(string sessionId, Principal owner, ReadFileRequest request, IProgress<TransferStatus>? progress, CancellationToken cancellationToken) =>
        registry.ReadFileAsync(sessionId, owner, request, progress, cancellationToken);

    public Task<WriteFileOutcome> WriteFileAsync(string sessionId, Principal owner, WriteFileRequest request, IProgress<TransferStatus>? progress, CancellationToken cancellationToken) =>
        registry.WriteFileAsync(sessionId, owner, request, progress, cancellationToken);

    public Task<bool> CloseAsync(string sessionId, Principal owner, CancellationToken cancellationToken) =>
        registry.CloseAsync(sessionId, owner);

    public Task<IReadOnlyList<SessionSnapshot>> ListAsync(Principal owner, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SessionSnapshot>>([.. registry.List(owner).OrderBy(s => s.OpenedAt).Select(SessionSnapshot.Of)]);
}
