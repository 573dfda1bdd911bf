using Microsoft.Extensions.Logging;
using SshMcp.Server.Diagnostics;

namespace SshMcp.Server.Sessions;

/// <summary>
/// What a session has learned about its connection and shell beyond the shell's own end: the connection stopped
/// answering, or the session was given up because the host refused the channel a stop needs. Shared by the session,
/// its runs and its stopper; once set, a flag stays set.
/// </summary>
internal sealed class SessionHealth(string logRef, RemoteShell shell, ILogger logger)
{
    private int _connectionLost;
    private int _givenUp;

    public bool IsConnectionLost => Volatile.Read(ref _connectionLost) != 0;

    /// <summary>A command could not be stopped because the host refused a channel: the shell is still busy with it.</summary>
    public bool IsGivenUp => Volatile.Read(ref _givenUp) != 0;

    /// <summary>True once the shell is gone (it exited, was killed, or the connection dropped or froze).</summary>
    public bool HasEnded => shell.HasEnded || IsConnectionLost || IsGivenUp;

    /// <summary>Gives up on the connection: the command in flight and every later call fail at once, and closing does not wait on the wire.</summary>
    public void MarkConnectionLost(string why)
    {
        if (Interlocked.Exchange(ref _connectionLost, 1) == 0)
        {
            Log.ConnectionLost(logger, logRef, why);
        }
    }

    public void MarkGivenUp() => Interlocked.Exchange(ref _givenUp, 1);
}
