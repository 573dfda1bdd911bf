using Orleans;

namespace SshMcp.Server.Sessions;

/// <summary>A session as the tools show it, taken at one moment; crosses replicas in cluster mode.</summary>
/// <param name="IdleSeconds">Seconds since the session last ran a command.</param>
/// <param name="Busy">True while a command runs.</param>
[GenerateSerializer]
internal sealed record SessionSnapshot(string Id, SessionEndpoint Endpoint, string Cwd, DateTimeOffset OpenedAt, long IdleSeconds, bool Busy)
{
    public static SessionSnapshot Of(SshSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new(session.Id, session.Endpoint, session.Cwd, session.OpenedAt, (long)session.IdleTime.TotalSeconds, session.IsBusy);
    }
}
