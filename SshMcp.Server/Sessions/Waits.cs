namespace SshMcp.Server.Sessions;

/// <summary>Bounded waits that answer a question instead of throwing.</summary>
internal static class Waits
{
    /// <summary>True when <paramref name="task"/> completed (in any state) within <paramref name="bound"/>.</summary>
    public static async Task<bool> CompletesWithinAsync(Task task, TimeSpan bound)
    {
        try
        {
            await task.WaitAsync(bound);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            return task.IsCompleted;
        }
    }
}
