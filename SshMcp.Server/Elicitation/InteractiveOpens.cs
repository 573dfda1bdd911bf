using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// The <c>ssh_open</c> calls that may ask a person for secrets, and the round trips that carry each question: a call
/// starts the connect in the background and reports the first question as input-required, with
/// <c>requestState</c> = attempt id and round; the client calls again once the person has the link, and that call
/// waits (within the question's own bound) for the connect's next question or its end. A connect nobody comes back
/// for ends by itself: its question expires; a session it opened meanwhile is closed after
/// <see cref="CollectGrace"/>. A retry that is cancelled cancels the connect.
/// </summary>
internal sealed class InteractiveOpens(ISessionService sessions, SecretInbox inbox, ISecretPageHost pages, IOpenAttemptRouter router, TimeProvider time, ILogger<InteractiveOpens> logger) : IAsyncDisposable
{
    /// <summary>How long a finished connect waits for its client's next call before its session is closed.</summary>
    public static readonly TimeSpan CollectGrace = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, OpenAttempt> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<OpenAttempt, Task> _endings = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>True when this call's client can be asked: it declared URL-mode elicitation and could open the page.</summary>
    public static bool CanAsk(McpServer server, ISecretPageHost pages, bool enabled) =>
        enabled && UrlElicitation.ClientCanAnswer(server) && pages.CanServeCurrentCaller;

    /// <summary>Starts a connect that may ask; returns its session, or throws its failure or its first question.</summary>
    public async Task<SessionSnapshot> StartAsync(OpenRequest request, Principal owner, McpServer server, CancellationToken cancellationToken)
    {
        var attempt = new OpenAttempt(NewId(), owner, inbox);
        _attempts[attempt.Id] = attempt;
        attempt.Start((prompter, token) => sessions.OpenAsync(request with { Prompter = prompter }, owner, token));
        _endings[attempt] = EndAsync(attempt);
        return Answer(server, await StepAsync(attempt, 0, cancellationToken));
    }

    /// <summary>
    /// Continues the connect named by <paramref name="requestState"/> with the client's answer to its last question,
    /// here or on the replica that holds it.
    /// </summary>
    public async Task<SessionSnapshot> ResumeAsync(string requestState, IDictionary<string, InputResponse>? responses, Principal owner, McpServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestState);
        var dot = requestState.LastIndexOf('.');
        if (dot < 1 || !int.TryParse(requestState.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var round))
        {
            throw Failures.LoginNoLongerWaiting();
        }

        var id = requestState[..dot];
        var action = UrlElicitation.ActionOf(responses);
        var step = _attempts.ContainsKey(id)
            ? await ContinueAsync(id, owner, round, action, cancellationToken)
            : await router.ContinueAsync(id, owner.Id, round, action, cancellationToken);
        return Answer(server, step);
    }

    /// <summary>
    /// One round trip of an attempt held here: the client's <paramref name="action"/> on round <paramref name="round"/>,
    /// then what comes next. A foreign or unknown attempt reads as one no longer waiting.
    /// </summary>
    public async Task<OpenStep> ContinueAsync(string attemptId, Principal owner, int round, string action, CancellationToken cancellationToken)
    {
        if (!_attempts.TryGetValue(attemptId, out var attempt) || attempt.Owner != owner)
        {
            throw Failures.LoginNoLongerWaiting();
        }

        if (action != "accept" && attempt.Refuse(round, action) is { } refused)
        {
            ElicitationLog.ClientAnswered(logger, refused.ElicitationId, action);
        }

        return await StepAsync(attempt, round, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var attempt in _attempts.Values)
        {
            attempt.Cancel();
        }

        await Task.WhenAll(_endings.Values);
        _stopping.Dispose();
    }

    /// <summary>The session, or the question as the client's next input-required result.</summary>
    private static SessionSnapshot Answer(McpServer server, OpenStep step) => step switch
    {
        { Session: { } session } => session,
        { Question: { } question } => throw UrlElicitation.Ask(server, question, string.Create(CultureInfo.InvariantCulture, $"{step.AttemptId}.{question.Round}")),
        _ => throw new InvalidOperationException("An open step with neither a session nor a question."),
    };

    private async Task<OpenStep> StepAsync(OpenAttempt attempt, int seen, CancellationToken cancellationToken)
    {
        (int Round, PendingSecret Pending)? next;
        try
        {
            next = await attempt.NextAsync(seen, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            attempt.Cancel();
            throw;
        }

        if (next is { } question)
        {
            if (attempt.PageBase is null)
            {
                attempt.PageBase = await pages.BaseAddressAsync(cancellationToken);
                await router.AnnounceAsync(attempt.Id, cancellationToken);
            }

            var page = SecretPageEndpoints.PageUrl(attempt.PageBase, question.Pending);
            return new OpenStep(attempt.Id, null, new OpenQuestion(question.Round, question.Pending.ElicitationId, UrlElicitation.Message(question.Pending.Prompt), page.AbsoluteUri));
        }

        _attempts.TryRemove(attempt.Id, out _);
        return new OpenStep(attempt.Id, await attempt.Session, null);
    }

    /// <summary>
    /// Once the connect has ended, its outcome waits <see cref="CollectGrace"/> for the client's call; then a session
    /// nobody took is closed, so that it does not hold a connection and a quota slot until the idle reaper finds it.
    /// </summary>
    private async Task EndAsync(OpenAttempt attempt)
    {
        try
        {
            await ((Task)attempt.Session).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await Task.Delay(CollectGrace, time, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_attempts.TryRemove(new KeyValuePair<string, OpenAttempt>(attempt.Id, attempt)) && attempt.Session.IsCompletedSuccessfully && !_stopping.IsCancellationRequested)
            {
                var session = await attempt.Session;
                ElicitationLog.NeverCollected(logger, $"{session.Endpoint.Username}@{session.Endpoint.Host}", SessionIds.LogRef(session.Id));
                await sessions.CloseAsync(session.Id, attempt.Owner, CancellationToken.None);
            }
        }
        finally
        {
            _attempts.TryRemove(new KeyValuePair<string, OpenAttempt>(attempt.Id, attempt));
            _endings.TryRemove(attempt, out _);
            attempt.Dispose();
        }
    }

    private static string NewId()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        return "o" + Convert.ToHexStringLower(random);
    }
}
