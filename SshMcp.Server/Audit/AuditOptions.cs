using SshMcp.Server.Options;

namespace SshMcp.Server.Audit;

/// <summary>
/// Settings under <c>SshMcp:Audit</c>: who ran what, where and when. Off unless <see cref="Path"/> or <see cref="Log"/>
/// is set. Every default is listed in the README.
/// </summary>
public sealed class AuditOptions
{
    public const string SectionName = SshMcpOptions.SectionName + ":Audit";

    /// <summary>The JSON-lines file (created 0600, appended to, rotated by size); empty: no file.</summary>
    public string? Path { get; set; }

    /// <summary>Also emit every record as a structured log event (category <c>SshMcp.Audit</c>), e.g. for OpenTelemetry.</summary>
    public bool Log { get; set; }

    /// <summary><c>record</c> (the command text), <c>hash</c> (its SHA-256 in hex) or <c>none</c>.</summary>
    public string Commands { get; set; } = AuditCommandMode.Record;

    /// <summary>The file is rotated before it grows past this many bytes.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Rotated files kept (<c>audit.log.1</c> is the newest); older ones are deleted.</summary>
    public int MaxFiles { get; set; } = 10;

    /// <summary>fsync after every record, so a record survives a power loss, not only a crash of the server.</summary>
    public bool Fsync { get; set; }

    /// <summary>When a record cannot be written the call fails and nothing runs; false: the call runs and the failure is logged.</summary>
    public bool FailClosed { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Path) || Log;
}
