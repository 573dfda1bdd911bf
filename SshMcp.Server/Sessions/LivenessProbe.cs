using SshMcp.Server.Ssh;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Sessions;

/// <summary>
/// Asks whether a connection still answers, with a tiny command on a channel of its own. A frozen network (no RST, no
/// FIN) is otherwise invisible: SSH keepalives expect no reply and the socket has no TCP keepalive.
/// </summary>
internal static class LivenessProbe
{
    private static readonly byte[] NoInput = [];

    public static async Task<bool> AnswersAsync(ISshConnection connection, TimeSpan bound)
    {
        try
        {
            await connection.RunAsync("true", NoInput, bound, CancellationToken.None);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (SshFailureException failure) when (failure.Kind == SshFailureKind.ConnectionLost)
        {
            return false;
        }
        catch (SshFailureException)
        {
            // A refused probe channel still proves the peer answers.
            return true;
        }
    }
}
