using Orleans;
using SshMcp.Server.Files;
using SshMcp.Server.Runs;

namespace SshMcp.Server.Cluster;

/// <summary>
/// Progress across replicas, both ends: <see cref="ObserveAsync"/> on the replica that received the call (an observer
/// for the call's duration, none when nobody listens), <see cref="Runs"/> and <see cref="Transfers"/> on the one that
/// holds the session (what the session reports, sent on to that observer).
/// </summary>
internal static class RemoteProgress
{
    public static async Task<T> ObserveAsync<T>(IGrainFactory grains, IProgress<RunProgress>? runs, IProgress<TransferStatus>? transfers, Func<IProgressObserver?, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(call);
        if (runs is null && transfers is null)
        {
            return await call(null);
        }

        // The runtime holds observers weakly: this method keeps it alive until the call ends.
        var observer = new Observer(runs, transfers);
        var reference = grains.CreateObjectReference<IProgressObserver>(observer);
        try
        {
            return await call(reference);
        }
        finally
        {
            grains.DeleteObjectReference<IProgressObserver>(reference);
            GC.KeepAlive(observer);
        }
    }

    public static IProgress<RunProgress>? Runs(IProgressObserver? observer) =>
        observer is null ? null : new Progress<RunProgress, IProgressObserver>(observer, static (o, v) => o.RunAsync(v));

    public static IProgress<TransferStatus>? Transfers(IProgressObserver? observer) =>
        observer is null ? null : new Progress<TransferStatus, IProgressObserver>(observer, static (o, v) => o.TransferAsync(v));

    /// <summary>Sends each report one-way; a report that cannot be delivered is dropped, the command goes on.</summary>
    private sealed class Progress<TValue, TObserver>(TObserver observer, Func<TObserver, TValue, Task> send) : IProgress<TValue>
    {
        public void Report(TValue value) => send(observer, value).Ignore();
    }

    private sealed class Observer(IProgress<RunProgress>? runs, IProgress<TransferStatus>? transfers) : IProgressObserver
    {
        public Task RunAsync(RunProgress value)
        {
            runs?.Report(value);
            return Task.CompletedTask;
        }

        public Task TransferAsync(TransferStatus value)
        {
            transfers?.Report(value);
            return Task.CompletedTask;
        }
    }
}
