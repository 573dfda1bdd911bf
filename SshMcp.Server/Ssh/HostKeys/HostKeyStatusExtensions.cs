namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>The spelling of <see cref="HostKeyStatus"/> in tool results.</summary>
public static class HostKeyStatusExtensions
{
    /// <summary><c>known</c>, <c>new</c>, <c>pinned</c> or <c>unchecked</c>.</summary>
    public static string ToWireString(this HostKeyStatus status) => status switch
    {
        HostKeyStatus.Known => "known",
        HostKeyStatus.NewlyTrusted => "new",
        HostKeyStatus.Pinned => "pinned",
        HostKeyStatus.Unchecked => "unchecked",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown host key status."),
    };
}
