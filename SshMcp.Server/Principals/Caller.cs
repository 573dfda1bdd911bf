namespace SshMcp.Server.Principals;

/// <summary>One tool call's principal and the token that fires when the caller cancels or goes away.</summary>
internal sealed class Caller(Principal principal, CancellationTokenSource? link, CancellationToken cancellation) : IDisposable
{
    public Principal Principal { get; } = principal;

    public CancellationToken Cancellation { get; } = cancellation;

    public void Dispose() => link?.Dispose();
}
