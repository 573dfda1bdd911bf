namespace SshMcp.Server.Shell;

/// <summary>What <c>__sm_r</c> (see <see cref="ShellScripts.RunStartDefinition"/>) answered.</summary>
internal enum RunStartReply
{
    /// <summary>No answer the server can read (the shell's profile replaced a builtin, or the shell ended).</summary>
    Unreadable,

    /// <summary>Started in a process group of its own (setsid).</summary>
    Started,

    /// <summary>Started without setsid: it shares the shell's process group and is stopped by its tag alone.</summary>
    StartedWithoutSetsid,

    /// <summary>No private directory could hold the run's files.</summary>
    Refused,
}
