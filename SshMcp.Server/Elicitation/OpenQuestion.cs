using Orleans;

namespace SshMcp.Server.Elicitation;

/// <summary>One question of an interactive <c>ssh_open</c>, as the client shows it: the link to the page and the text beside it.</summary>
/// <param name="Round">Which question of the attempt this is; the client sends it back in its requestState.</param>
[GenerateSerializer]
internal sealed record OpenQuestion(int Round, string ElicitationId, string Message, string PageUrl);
