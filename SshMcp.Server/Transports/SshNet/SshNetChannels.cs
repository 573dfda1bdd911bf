using Renci.SshNet;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>Opening exec channels with SSH.NET without letting it block the caller or leak its exceptions.</summary>
internal static class SshNetChannels
{
    /// <summary>
    /// Starts <paramref name="command"/> and returns the task of its execution. SSH.NET opens the channel synchronously
    /// inside <c>ExecuteAsync</c> and may wait there for a free channel slot, ignoring its token: that part runs on the
    /// pool so the caller's token still bounds it.
    /// </summary>
    public static async Task<Task> ExecuteAsync(SshCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Factory.StartNew(
                () => command.ExecuteAsync(CancellationToken.None),
                cancellationToken,
                TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (SshNetErrors.TranslateChannel(ex) is { } failure)
        {
            throw failure;
        }
    }
}
