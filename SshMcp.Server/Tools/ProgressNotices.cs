using ModelContextProtocol;
using SshMcp.Server.Runs;

namespace SshMcp.Server.Tools;

/// <summary>Turns a run's progress into MCP progress notifications, when the request carried a progress token.</summary>
internal static class ProgressNotices
{
    /// <summary>
    /// Null when nobody listens, so no timer runs for nothing: the SDK passes a progress that forwards only when the
    /// request carried a progress token, and its do-nothing one (not public) otherwise.
    /// </summary>
    public static IProgress<RunProgress>? Adapt(IProgress<ProgressNotificationValue>? progress) =>
        progress is null || progress.GetType().Name == "NullProgress" ? null : new Forward(progress);

    private sealed class Forward(IProgress<ProgressNotificationValue> progress) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) =>
            progress.Report(new ProgressNotificationValue { Progress = (float)value.Value, Message = value.Message });
    }
}
