using System.Globalization;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The argv of each ssh a session starts. Only what the call adds, and what running ssh under a server needs, is
/// here; the rest comes from the generated config (<see cref="OpenSshConfigFile"/>) and the user's. Every argv ends in
/// <c>-- destination</c>, so a host name can never be read as an option.
/// </summary>
internal static class OpenSshCommandLine
{
    /// <summary>
    /// What every ssh that runs a command needs, whatever the user's config says: no PTY, no escape character, our
    /// command and no other, stdin kept, no fork, no LocalCommand, and only ssh's errors on stderr (which carries the
    /// command's own stderr too).
    /// </summary>
    private static readonly string[] SessionOptions =
    [
        "-T", "-e", "none", "-o", "RemoteCommand=none", "-o", "SessionType=default", "-o", "StdinNull=no",
        "-o", "ForkAfterAuthentication=no", "-o", "PermitLocalCommand=no", "-o", "LogLevel=ERROR",
    ];

    /// <summary>
    /// The master: logs in, listens on the control socket, and runs the session's shell
    /// (<see cref="ExitWrapper.WrapLoginShell"/>) on its own session channel (no LocalCommand). The socket appearing is the readiness event (see
    /// <see cref="OpenSshMaster"/>).
    /// </summary>
    /// <param name="known">The target's key given to ssh up front (see <see cref="KnownTargetKey"/>), or null.</param>
    public static List<string> Master(SessionDirectory directory, OpenRequest request, CallCredentials credentials, KnownTargetKey? known = null)
    {
        var arguments = new List<string>
        {
            "-F", directory.ConfigFile, "-M", "-S", directory.ControlSocket,
            "-o", "ControlPersist=no", "-o", "ClearAllForwardings=yes",
        };
        arguments.AddRange(SessionOptions);
        if (request.HostKeyFingerprint is not null)
        {
            // A pin decides alone (see HostKeyAnswers): no file of the user's may vouch for another key. Target only.
            // With the pinned key known already, the session's file holding it is the only one ssh reads.
            var global = known is { Pinned: true } ? "\"" + directory.KnownHosts + "\"" : "/dev/null";
            arguments.AddRange(["-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=" + global]);
        }

        arguments.AddRange(credentials.Arguments);
        // Only what the call says, as ssh -l and -p: ssh's own config decides the rest, as in the user's terminal.
        if (request.Username is { } user)
        {
            arguments.AddRange(["-l", user]);
        }

        if (request.Port is { } port)
        {
            arguments.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["--", request.Host, ExitWrapper.WrapLoginShell()]);
        return arguments;
    }

    /// <summary>
    /// A command on a channel of its own through the master. It reads the config like the master (SetEnv, SendEnv and
    /// agent forwarding are asked for per channel). ProxyCommand=false stops ssh from connecting on its own when the
    /// master is gone (ssh falls back to a direct connection when the control socket fails).
    /// </summary>
    public static List<string> Channel(SessionDirectory directory, string host, string commandLine, bool userConfig)
    {
        var arguments = new List<string>
        {
            "-F", userConfig ? directory.ConfigFile : "none", "-S", directory.ControlSocket,
            "-o", "ControlMaster=no", "-o", "ProxyCommand=false",
        };
        arguments.AddRange(SessionOptions);
        arguments.AddRange(["--", host, commandLine]);
        return arguments;
    }
}
