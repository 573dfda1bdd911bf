namespace SshMcp.Server.Shell;

/// <summary>The family of the remote shell, which decides the few places where the frame's syntax differs.</summary>
internal enum ShellFlavor
{
    /// <summary>bash, dash, ash, ksh and other POSIX shells: <c>command eval</c> keeps a syntax error from ending the shell.</summary>
    Posix,

    /// <summary>zsh, where <c>command</c> means "external command only", so plain <c>eval</c> is used.</summary>
    Zsh,
}
