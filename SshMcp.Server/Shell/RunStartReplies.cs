namespace SshMcp.Server.Shell;

/// <summary>Reads <c>__sm_r</c>'s answer, its last non-empty line (a profile may print before it).</summary>
internal static class RunStartReplies
{
    public static RunStartReply Parse(string? output) =>
        (output ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() switch
        {
            "started setsid" => RunStartReply.Started,
            "started nosetsid" => RunStartReply.StartedWithoutSetsid,
            "refused" => RunStartReply.Refused,
            _ => RunStartReply.Unreadable,
        };
}
