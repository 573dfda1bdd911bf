using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// The MCP side of asking a person: whether this client can be asked, the input-required result that asks it (MRTR
/// on 2026-07-28; the SDK turns it into <c>elicitation/create</c> for older clients with a session), and its answer.
/// The elicitation is URL mode: the client shows a link and the secret goes from the browser to this server, so it is
/// never in an MCP message, the client's transcript or the model's context.
/// </summary>
internal static class UrlElicitation
{
    /// <summary>The key of the one input request in each round.</summary>
    public const string InputKey = "secret";

    private const string FirstMrtrRevision = "2026-07-28";

    /// <summary>True when the client declared URL-mode elicitation and the SDK can carry a round trip to it.</summary>
    public static bool ClientCanAnswer(McpServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.IsMrtrSupported && server.ClientCapabilities?.Elicitation?.Url is not null;
    }

    /// <summary>
    /// The input-required result for one question. <c>elicitationId</c> is required before 2026-07-28 and gone from
    /// that revision on (there is no completion notification to key), so it is sent to older clients only.
    /// </summary>
    public static InputRequiredException Ask(McpServer server, OpenQuestion question, string requestState)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(question);
        var legacy = string.CompareOrdinal(server.NegotiatedProtocolVersion ?? "", FirstMrtrRevision) < 0;
        var elicitation = new ElicitRequestParams
        {
            Mode = "url",
            Url = question.PageUrl,
            Message = question.Message,
            ElicitationId = legacy ? question.ElicitationId : null,
        };
        return new InputRequiredException(new Dictionary<string, InputRequest> { [InputKey] = InputRequest.ForElicitation(elicitation) }, requestState);
    }

    /// <summary>The client's action for the round (<c>accept</c>, <c>decline</c>, <c>cancel</c>); <c>cancel</c> when it sent none.</summary>
    public static string ActionOf(IDictionary<string, InputResponse>? responses) =>
        responses is not null && responses.TryGetValue(InputKey, out var response)
            && response.Deserialize(InputResponse.ElicitResultJsonTypeInfo)?.Action is { Length: > 0 } action
            ? action
            : "cancel";

    /// <summary>What the client shows beside the link. The link itself is never in the message (the spec forbids it).</summary>
    public static string Message(SecretPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var what = prompt.Kind == SecretKind.Interactive
            ? $"asks \"{OneLine(prompt.Text)}\""
            : $"needs the {prompt.What}";
        return $"The SSH login to {prompt.Target} {what}. Open the link and type it there: it goes to the SSH MCP server only, not to the chat or the AI model.";
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 120 ? line : line[..120] + "…";
    }
}
