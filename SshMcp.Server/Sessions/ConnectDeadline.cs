using SshMcp.Server.Ssh;

namespace SshMcp.Server.Sessions;

/// <summary>
/// The one deadline of an <c>ssh_open</c> (connectTimeoutMs), which stands still while a person types a secret: that
/// time has a bound of its own (<c>SshMcp:Elicitation:TimeoutSeconds</c>), so it does not eat the connect's. The
/// token fires once the running time alone reaches the timeout.
/// </summary>
internal sealed class ConnectDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private TimeSpan _remaining;
    private long _runningSince;
    private int _pauses;

    public ConnectDeadline(TimeSpan timeout, TimeProvider time)
    {
        _time = time;
        _remaining = timeout;
        _runningSince = time.GetTimestamp();
        _source = new CancellationTokenSource(timeout, time);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Stops the clock until the returned scope is disposed; pauses may overlap.</summary>
    public IDisposable Pause()
    {
        lock (_gate)
        {
            if (_pauses++ == 0 && !_source.IsCancellationRequested)
            {
                _source.CancelAfter(Timeout.InfiniteTimeSpan);
                _remaining -= _time.GetElapsedTime(_runningSince);
            }
        }

        return new Resumption(this);
    }

    /// <summary><paramref name="prompter"/> with the clock stopped around each question; null stays null.</summary>
    public ISecretPrompter? PausingAround(ISecretPrompter? prompter) => prompter is null ? null : new PausingPrompter(prompter, this);

    public void Dispose() => _source.Dispose();

    private void Resume()
    {
        lock (_gate)
        {
            if (--_pauses == 0 && !_source.IsCancellationRequested)
            {
                _runningSince = _time.GetTimestamp();
                _source.CancelAfter(_remaining > TimeSpan.Zero ? _remaining : TimeSpan.Zero);
            }
        }
    }

    private sealed class Resumption(ConnectDeadline deadline) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                deadline.Resume();
            }
        }
    }

    private sealed class PausingPrompter(ISecretPrompter inner, ConnectDeadline deadline) : ISecretPrompter
    {
        public TimeSpan AnswerBound => inner.AnswerBound;

        public async Task<Secret> AskAsync(SecretPrompt prompt, CancellationToken cancellationToken)
        {
            using (deadline.Pause())
            {
                return await inner.AskAsync(prompt, cancellationToken);
            }
        }
    }
}
