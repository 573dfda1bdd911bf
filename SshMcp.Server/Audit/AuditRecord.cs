namespace SshMcp.Server.Audit;

/// <summary>
/// One line of the audit log. Every tool call writes two: <c>phase:"start"</c> before the tool runs (who, client,
/// tool, where, the command) and <c>phase:"end"</c> after it, repeating those fields and adding the outcome; both carry
/// the same <c>call</c>. A start without an end is a call that was running when the server stopped. Absent fields
/// were unknown or do not apply. Never a password, key, passphrase or token; a session is named by its reference,
/// never its id (ids are bearer handles).
/// </summary>
internal sealed record AuditRecord
{
    public required DateTimeOffset Time { get; init; }

    /// <summary><c>start</c> or <c>end</c>.</summary>
    public required string Phase { get; init; }

    /// <summary>Joins a call's start and end records.</summary>
    public required string Call { get; init; }

    public required string Principal { get; init; }

    public string? Client { get; init; }

    public required string Tool { get; init; }

    public string? Host { get; init; }

    public string? User { get; init; }

    public int? Port { get; init; }

    public string? Transport { get; init; }

    /// <summary>The session's log reference (<c>s1a2b3c4d…</c>).</summary>
    public string? Session { get; init; }

    public string? RunId { get; init; }

    public string? Command { get; init; }

    public string? CommandSha256 { get; init; }

    /// <summary><c>ok</c>, <c>nonzero</c>, <c>timeout</c>, <c>cancelled</c> or <c>error</c> (end records).</summary>
    public string? Outcome { get; init; }

    /// <summary>With <c>outcome:"error"</c>: what failed, e.g. <c>authentication_failed</c>, <c>target_refused</c>.</summary>
    public string? Error { get; init; }

    public int? ExitCode { get; init; }

    public bool? TimedOut { get; init; }

    /// <summary>Bytes the command printed, stdout and stderr together, before any cut.</summary>
    public long? BytesOut { get; init; }

    public long? DurationMs { get; init; }
}
