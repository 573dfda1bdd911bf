namespace SshMcp.Server.Options;

/// <summary>Settings under <c>SshMcp:Runs</c>: background runs, which live on the hosts.</summary>
public sealed class RunsOptions
{
    public const int MaxRetentionHours = 24 * 365;

    /// <summary>
    /// How long a background run's output stays on the host after the run ended; it is removed the next time a session
    /// to that host starts or lists runs.
    /// </summary>
    public int RetentionHours { get; set; } = 24;
}
