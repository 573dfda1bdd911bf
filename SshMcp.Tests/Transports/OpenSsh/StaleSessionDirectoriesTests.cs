using System.Net.Sockets;
using SshMcp.Server.Transports.OpenSsh;

namespace SshMcp.Tests.Transports.OpenSsh;

/// <summary>
/// What a killed server leaves (a session directory whose control socket nobody listens on) is removed; a live
/// session's directory, one still logging in, and anything that is not ours stay.
/// </summary>
public sealed class StaleSessionDirectoriesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sshmcp-stale-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Sweep_DeadMasterLiveMasterLoggingInAndForeign_RemovesOnlyTheDeadOnes()
    {
        var dead = Session("sshmcp-dead01");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var live = Session("sshmcp-live01", bound: listener);
        var loggingIn = Session("sshmcp-login1", socket: false);
        var foreign = Session("sshmcp-other1", firstLine: "# someone else's");

        var removed = StaleSessionDirectories.Sweep(_root);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(live) && Directory.Exists(loggingIn) && Directory.Exists(foreign));
    }

    private string Session(string name, bool socket = true, Socket? bound = null, string firstLine = OpenSshConfigFile.FirstLine)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        File.WriteAllText(Path.Combine(directory, "config"), firstLine + "\nStrictHostKeyChecking yes\n");
        File.WriteAllText(Path.Combine(directory, "h"), "#!/bin/sh\n");
        if (socket)
        {
            // A socket file whose listener is gone refuses connections, as a SIGKILLed master's does. .NET deletes the
            // file it bound when the socket closes, so the dead one is bound under another name and moved into place
            // (as ssh itself does), and the move survives the close.
            var path = Path.Combine(directory, "c");
            var owner = bound ?? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            owner.Bind(new UnixDomainSocketEndPoint(bound is null ? path + ".bind" : path));
            owner.Listen(1);
            if (bound is null)
            {
                File.Move(path + ".bind", path);
                owner.Dispose();
            }
        }

        return directory;
    }
}
