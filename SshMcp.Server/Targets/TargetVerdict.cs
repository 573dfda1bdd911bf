namespace SshMcp.Server.Targets;

/// <summary>The allow list's answer for one hop: allowed, or the message that says which setting refused it.</summary>
internal sealed record TargetVerdict(bool Allowed, string? Message)
{
    public static TargetVerdict Allow { get; } = new(true, null);

    public static TargetVerdict Refuse(string message) => new(false, message);
}
