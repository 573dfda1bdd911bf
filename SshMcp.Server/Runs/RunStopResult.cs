namespace SshMcp.Server.Runs;

internal enum RunStopResult
{
    /// <summary>Every process of the run was signalled and is gone.</summary>
    Stopped,

    /// <summary>The run had ended before: nothing was signalled.</summary>
    AlreadyEnded,

    /// <summary>Processes of the run outlived every signal.</summary>
    Unconfirmed,
}
