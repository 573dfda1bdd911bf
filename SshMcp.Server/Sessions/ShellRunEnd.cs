namespace SshMcp.Server.Sessions;

internal enum ShellRunEnd
{
    /// <summary>The trailer arrived: exit code and cwd are known, the shell goes on.</summary>
    Framed,

    /// <summary>The shell's channel closed before the trailer (<c>exit</c>, <c>exec</c>, a kill, or the connection dropped).</summary>
    ShellEnded,
}
