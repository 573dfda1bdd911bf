using System.Collections.Concurrent;
using System.Net;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SshMcp.Tests.Elicitation;

/// <summary>
/// The user of a real MCP client that declares URL-mode elicitation: for each elicitation, in order, the client
/// answers as scripted and the person opens the link and sends the page's form (or does not). The C# twin of the
/// person in clients/driver.mjs.
/// </summary>
internal sealed class ScriptedPerson
{
    private readonly ConcurrentQueue<Step> _plan = new();
    private readonly ConcurrentQueue<Task> _late = new();

    public enum Submit
    {
        /// <summary>Sends the form, then the client answers accept.</summary>
        Before,

        /// <summary>The client answers accept, and the form goes a moment later.</summary>
        After,

        /// <summary>The client answers accept; the person never sends anything.</summary>
        Never,

        /// <summary>The person presses the page's Cancel; the client answers accept.</summary>
        PageCancel,

        /// <summary>Sends the form, then sends it again with another value (that must fail).</summary>
        Twice,
    }

    public ConcurrentQueue<Visit> Visits { get; } = new();

    public ScriptedPerson Accept(string secret, Submit submit = Submit.Before)
    {
        _plan.Enqueue(new Step("accept", secret, submit));
        return this;
    }

    /// <summary>The client answers <paramref name="action"/> (decline, cancel) without opening the link.</summary>
    public ScriptedPerson Answer(string action)
    {
        _plan.Enqueue(new Step(action, null, Submit.Never));
        return this;
    }

    /// <summary>Declares URL-mode elicitation with this person as the handler; <paramref name="protocol"/> null lets the client choose (2026-07-28).</summary>
    public void Configure(McpClientOptions options, string? protocol)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability { Url = new UrlElicitationCapability() } };
        options.Handlers.ElicitationHandler = AnswerAsync;
        options.ProtocolVersion = protocol;
    }

    /// <summary>Waits for forms sent after the client's answer.</summary>
    public Task SettledAsync() => Task.WhenAll(_late);

    private async ValueTask<ElicitResult> AnswerAsync(ElicitRequestParams? request, CancellationToken cancellationToken)
    {
        var visit = new Visit(request?.Mode, request?.Message ?? "", request?.Url is { } url ? new Uri(url) : null, request?.ElicitationId);
        Visits.Enqueue(visit);
        if (!_plan.TryDequeue(out var step) || step.Action != "accept" || visit.Url is null)
        {
            return new ElicitResult { Action = step?.Action ?? "cancel" };
        }

        switch (step.Submit)
        {
            case Submit.After:
                _late.Enqueue(Task.Run(async () =>
                {
                    await Task.Yield();
                    await SendAsync(visit, step);
                }, CancellationToken.None));
                break;
            case Submit.Before or Submit.PageCancel or Submit.Twice:
                await SendAsync(visit, step);
                break;
        }

        return new ElicitResult { Action = "accept" };
    }

    private static async Task SendAsync(Visit visit, Step step)
    {
        var (status, html, _) = await SecretPageVisitor.OpenAsync(visit.Url!);
        visit.PageStatus = status;
        visit.PageText = SecretPageVisitor.Text(html);
        if (status != HttpStatusCode.OK)
        {
            return;
        }

        var cancel = step.Submit == Submit.PageCancel;
        visit.Posts.Enqueue(await SecretPageVisitor.SendAsync(visit.Url!, cancel ? "" : step.Secret!, cancel ? "cancel" : "send"));
        if (step.Submit == Submit.Twice)
        {
            visit.Posts.Enqueue(await SecretPageVisitor.SendAsync(visit.Url!, "not-the-secret"));
        }
    }

    private sealed record Step(string Action, string? Secret, Submit Submit);

    /// <summary>One elicitation as the client received it, and what the page did.</summary>
    public sealed record Visit(string? Mode, string Message, Uri? Url, string? ElicitationId)
    {
        public HttpStatusCode? PageStatus { get; set; }

        public string PageText { get; set; } = "";

        public ConcurrentQueue<HttpStatusCode> Posts { get; } = new();
    }
}
