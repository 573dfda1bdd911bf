using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// One <c>ssh_open</c> that may ask a person for secrets. Its connect runs in the background, owned by
/// <see cref="InteractiveOpens"/>, because the tool call that started it returns as soon as a question is open
/// (input-required) and the client calls again, with the same <see cref="Id"/> in its requestState, once the person
/// has the link. Each question is a round; the tool reports a round once, then waits for what comes next.
/// </summary>
internal sealed class OpenAttempt : ISecretPrompter, IDisposable
{
    private readonly SecretInbox _inbox;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PendingSecret? _waiting;
    private int _round;

    public OpenAttempt(string id, Principal owner, SecretInbox inbox)
    {
        Id = id;
        Owner = owner;
        _inbox = inbox;
    }

    public string Id { get; }

    public Principal Owner { get; }

    /// <summary>The connect; completes with the session or the failure the tool reports.</summary>
    public Task<SessionSnapshot> Session { get; private set; } = Task.FromCanceled<SessionSnapshot>(new CancellationToken(true));

    public TimeSpan AnswerBound => _inbox.Timeout;

    /// <summary>
    /// Where this attempt's pages are served, taken from the call that reported its first question: later rounds may
    /// be reported through another server replica, which has no request of this one's to take it from.
    /// </summary>
    public Uri? PageBase { get; set; }

    /// <summary>Runs <paramref name="open"/> in the background, with this attempt as its prompter.</summary>
    public void Start(Func<ISecretPrompter, CancellationToken, Task<SessionSnapshot>> open)
    {
        Session = Task.Run(() => open(this, _cancel.Token));
        Session.ContinueWith(static (_, state) => ((OpenAttempt)state!).Signal(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public async Task<Secret> AskAsync(SecretPrompt prompt, CancellationToken cancellationToken)
    {
        var pending = _inbox.Open(prompt);
        lock (_gate)
        {
            _waiting = pending;
            _round++;
        }

        Signal();
        try
        {
            return await pending.WaitAsync(cancellationToken);
        }
        finally
        {
            pending.Close();
            lock (_gate)
            {
                if (_waiting == pending)
                {
                    _waiting = null;
                }
            }
        }
    }

    /// <summary>
    /// What the tool reports after round <paramref name="seen"/>: a question not reported yet, or null once the
    /// connect has ended (then <see cref="Session"/> holds its outcome).
    /// </summary>
    public async Task<(int Round, PendingSecret Pending)?> NextAsync(int seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (Session.IsCompleted)
                {
                    return null;
                }

                if (_waiting is { IsFinished: false } waiting && _round > seen)
                {
                    return (_round, waiting);
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The client declined or dismissed round <paramref name="round"/>: its question ends with that failure.</summary>
    public PendingSecret? Refuse(int round, string action)
    {
        PendingSecret? waiting;
        lock (_gate)
        {
            waiting = _round == round ? _waiting : null;
        }

        waiting?.TryRefuse(action == "decline" ? Failures.SecretDeclined(waiting.Prompt) : Failures.SecretCancelled(waiting.Prompt));
        return waiting;
    }

    public void Cancel()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connect had ended: nothing left to cancel.
        }
    }

    /// <summary>Once <see cref="Session"/> has completed: nothing uses the cancellation any more.</summary>
    public void Dispose() => _cancel.Dispose();

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
