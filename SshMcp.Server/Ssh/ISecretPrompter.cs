namespace SshMcp.Server.Ssh;

/// <summary>
/// Asks a person, while a login waits, for a secret the call did not give: the password, a key's passphrase, each
/// keyboard-interactive prompt (a password, then a one-time code) on its own. The answer never passes through MCP
/// (see Elicitation/). A transport that has none (<see cref="OpenRequest.Prompter"/> null) fails as it always did.
/// </summary>
internal interface ISecretPrompter
{
    /// <summary>How long one answer may take. A client whose own waits run through a prompt must allow for it.</summary>
    TimeSpan AnswerBound { get; }

    /// <summary>
    /// The person's answer, which the caller owns and disposes once used. Throws an <see cref="SshFailureException"/>
    /// of kind <see cref="SshFailureKind.SecretNotGiven"/> when the person declines, dismisses the prompt or does not
    /// answer within <see cref="AnswerBound"/>.
    /// </summary>
    Task<Secret> AskAsync(SecretPrompt prompt, CancellationToken cancellationToken);
}
