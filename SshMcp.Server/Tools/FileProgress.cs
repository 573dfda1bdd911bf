using ModelContextProtocol;
using SshMcp.Server.Files;

namespace SshMcp.Server.Tools;

/// <summary>A transfer's progress as MCP progress notifications (bytes done and total); nothing when the client asked for none.</summary>
internal sealed class FileProgress(IProgress<ProgressNotificationValue> progress, string verb) : IProgress<TransferStatus>
{
    public static IProgress<TransferStatus>? For(IProgress<ProgressNotificationValue>? progress, string verb) =>
        progress is null ? null : new FileProgress(progress, verb);

    public void Report(TransferStatus value) =>
        progress.Report(new ProgressNotificationValue { Progress = value.Done, Total = value.Total, Message = $"{verb} {value.Done} of {value.Total} bytes" });
}
