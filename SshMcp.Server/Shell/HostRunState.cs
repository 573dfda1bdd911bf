namespace SshMcp.Server.Shell;

/// <summary>A background run's state on its host, as <see cref="ShellScripts.Runs"/> reports it.</summary>
internal enum HostRunState
{
    /// <summary>The run's wrapper is alive.</summary>
    Running,

    /// <summary>Just started: the wrapper has not written its PID yet.</summary>
    Starting,

    /// <summary>It ended and its exit status is known.</summary>
    Ended,

    /// <summary>It is gone without an exit status: killed from outside, or the host restarted.</summary>
    Lost,

    /// <summary>It ended long ago and its output was removed by the retention rule.</summary>
    Removed,
}
