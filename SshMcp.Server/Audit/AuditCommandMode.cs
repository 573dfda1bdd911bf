namespace SshMcp.Server.Audit;

/// <summary>How the command text appears in audit records (<see cref="AuditOptions.Commands"/>).</summary>
public static class AuditCommandMode
{
    public const string Record = "record";
    public const string Hash = "hash";
    public const string None = "none";

    public static bool IsValid(string? mode) => mode is Record or Hash or None;
}
