namespace SshMcp.Server.Shell;

/// <summary>What the stop script stops (its MODE argument).</summary>
internal enum StopScope
{
    /// <summary>What one command started; the shell and earlier background jobs are spared.</summary>
    Command,

    /// <summary>The shell and every process the session started.</summary>
    Session,

    /// <summary>A background run: what carries its id, and its wrapper's process group.</summary>
    Background,
}
