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
internal sealed class InteractiveOpens(SessionRegistry registry, SecretInbox inbox, ISecretPageHost pages, TimeProvider time, ILogger<InteractiveOpens> logger) : IAsyncDisposable
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
    public async Task<SshSession> StartAsync(OpenRequest request, Principal owner, McpServer server, CancellationToken cancellationToken)
    {
        var attempt = new OpenAttempt(NewId(), owner, inbox);
        _attempts[attempt.Id] = attempt;
        attempt.Start((prompter, token) => registry.OpenAsync(request with { Prompter = prompter }, owner, token));
        _endings[attempt] = EndAsync(attempt);
        return await StepAsync(attempt, 0, server, cancellationToken);
    }

    /// <summary>Continues the connect named by <paramref name="requestState"/> with the client's answer to its last question.</summary>
    public async Task<SshSession> ResumeAsync(string requestState, IDictionary<string, InputResponse>? responses, Principal owner, McpServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestState);
        var dot = requestState.LastIndexOf('.');
        if (dot < 0
            || !int.TryParse(requestState.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var round)
            || !_attempts.TryGetValue(requestState[..dot], out var attempt)
            || attempt.Owner != owner)
        {
            throw Failures.LoginNoLongerWaiting();
        }

        var action = UrlElicitation.ActionOf(responses);
        if (action != "accept" && attempt.Refuse(round, action) is { } refused)
        {
            ElicitationLog.ClientAnswered(logger, refused.ElicitationId, action);
        }

        return await StepAsync(attempt, round, server, cancellationToken);
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

    private async Task<SshSession> StepAsync(OpenAttempt attempt, int seen, McpServer server, CancellationToken cancellationToken)
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
            var page = SecretPageEndpoints.PageUrl(await pages.BaseAddressAsync(cancellationToken), question.Pending);
            throw UrlElicitation.Ask(server, question.Pending, page, string.Create(CultureInfo.InvariantCulture, $"{attempt.Id}.{question.Round}"));
        }

        _attempts.TryRemove(attempt.Id, out _);
        return await attempt.Session;
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
                ElicitationLog.NeverCollected(logger, $"{session.Endpoint.Username}@{session.Endpoint.Host}", session.LogRef);
                await registry.RemoveAsync(session, "opened, but its client never came back for it");
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
