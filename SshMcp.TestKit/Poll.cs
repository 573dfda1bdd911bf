namespace SshMcp.TestKit;

/// <summary>Checks a condition on a timer until it holds or a deadline passes: the only way the fixture waits.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns true as soon as <paramref name="condition"/> does, false when <paramref name="deadline"/> passes.</summary>
    public static async Task<bool> UntilAsync(
        Func<CancellationToken, Task<bool>> condition, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(deadline);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (!await condition(bounded.Token))
            {
                await timer.WaitForNextTickAsync(bounded.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
