using SshMcp.Server.Ssh;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// One question waiting for a person on the secret page. <see cref="Id"/> is the capability: 256 random bits in the
/// page's address, good for one answer and until it expires. <see cref="ElicitationId"/> names it in MCP and in logs
/// and opens nothing. The answer goes to whoever waits in <see cref="WaitAsync"/>; an answer nobody takes is zeroed.
/// </summary>
internal sealed class PendingSecret
{
    private readonly TaskCompletionSource<Secret> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<PendingSecret> _onFinished;
    private int _claimed;

    public PendingSecret(string id, string elicitationId, SecretPrompt prompt, DateTimeOffset expiresAt, Action<PendingSecret> onFinished)
    {
        Id = id;
        ElicitationId = elicitationId;
        Prompt = prompt;
        ExpiresAt = expiresAt;
        _onFinished = onFinished;
    }

    public string Id { get; }

    public string ElicitationId { get; }

    public SecretPrompt Prompt { get; }

    public DateTimeOffset ExpiresAt { get; }

    public bool IsFinished => _answer.Task.IsCompleted;

    /// <summary>The answer, now owned by the caller; or the failure that ended the question.</summary>
    public async Task<Secret> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            var secret = await _answer.Task.WaitAsync(cancellationToken);
            if (Interlocked.Exchange(ref _claimed, 1) != 0)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            return secret;
        }
        catch (OperationCanceledException)
        {
            Close();
            throw;
        }
    }

    /// <summary>The person's answer; false (and the secret zeroed) when the question had already ended.</summary>
    public bool TryAnswer(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!_answer.TrySetResult(secret))
        {
            secret.Dispose();
            return false;
        }

        _onFinished(this);
        return true;
    }

    /// <summary>Ends the question with a failure for the waiter (declined, dismissed, timed out).</summary>
    public bool TryRefuse(SshFailureException failure)
    {
        if (!_answer.TrySetException(failure))
        {
            return false;
        }

        _onFinished(this);
        return true;
    }

    /// <summary>Ends the question for good: an answer that arrived but was never taken is zeroed.</summary>
    public void Close()
    {
        if (_answer.TrySetCanceled())
        {
            _onFinished(this);
        }
        else if (_answer.Task.IsCompletedSuccessfully && Interlocked.Exchange(ref _claimed, 1) == 0)
        {
            _answer.Task.Result.Dispose();
        }
    }
}
