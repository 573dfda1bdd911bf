namespace SshMcp.Server.Options;

/// <summary>Settings under <c>SshMcp:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = SshMcpOptions.SectionName + ":Telemetry";

    /// <summary>
    /// Put the command text (its first 1024 characters) on each <c>ssh.exec</c> span. Off by default: commands can
    /// carry secrets (<c>mysql -pHunter2</c>, tokens in URLs), and traces often go where secrets must not.
    /// </summary>
    public bool IncludeCommandText { get; set; }
}
