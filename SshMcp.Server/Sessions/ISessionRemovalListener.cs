namespace SshMcp.Server.Sessions;

/// <summary>
/// Told when the <see cref="SessionRegistry"/> has removed a session (closed, idle, ended, server stopping), after
/// it was disposed. None is registered in one process; cluster mode registers one that keeps its index exact.
/// </summary>
internal interface ISessionRemovalListener
{
    /// <summary>Must not throw: the session is gone either way.</summary>
    ValueTask SessionRemovedAsync(SshSession session, string reason);
}
