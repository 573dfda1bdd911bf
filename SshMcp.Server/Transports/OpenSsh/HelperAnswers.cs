using Microsoft.Extensions.Logging;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// What the helper is answered while one master logs in. Host keys are answered for every hop, each checked under
/// the name ssh gives it (<see cref="HostKeyAnswers"/>). Prompts get the call's secrets (<see cref="LoginPrompts"/>),
/// else a person's answer (<see cref="PersonPrompts"/>), only when the master asks: its prompts are the target's. A
/// jump host's ssh (ProxyJump starts one per hop, with the same helper) is refused whatever it asks, since its prompt
/// can read like the target's ("user@127.0.0.1's password:") and sshnet gives a jump host none of the call's secrets
/// and asks nobody for its own (<see cref="OpenRequest.ForJump"/>).
/// </summary>
internal sealed class HelperAnswers(OpenRequest request, LoginPrompts prompts, PersonPrompts person, HostKeyAnswers keys, ILogger logger, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<int> _master = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Names the master's process. A prompt waits for it: ssh may ask before the start has returned its id.</summary>
    public void MasterStarted(int processId) => _master.TrySetResult(processId);

    /// <param name="stop">Cancelled when the broker stops (the login ended).</param>
    public async ValueTask<HelperAnswer> AnswerAsync(HelperRequest asked, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(asked);
        var (host, port) = (request.Target.HostName, request.Target.Port);
        if (asked.Fields is [HostKeyAnswers.RequestKind, ..])
        {
            // KnownHostsCommand: a known_hosts line, or none (ssh then refuses the key: StrictHostKeyChecking=yes).
            var line = keys.Answer(asked.Fields);
            OpenSshLog.HelperAsked(logger, "a host key", host, port, line is not null);
            return line is null ? HelperAnswer.Nothing : HelperAnswer.Line(line);
        }

        // SSH_ASKPASS: the prompt is the one argument; a refusal makes ssh give up that method at once.
        if (asked.Fields is not [var prompt])
        {
            return HelperAnswer.Refuse;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, cancellationToken);
        if (asked.Asker != await _master.Task.WaitAsync(either.Token))
        {
            OpenSshLog.JumpHostPromptRefused(logger, asked.Asker, host, port);
            return HelperAnswer.Refuse;
        }

        var answer = prompts.Answer(prompt);
        OpenSshLog.HelperAsked(logger, "a prompt", host, port, answer is not null);
        if (answer is not null)
        {
            return HelperAnswer.Line(answer);
        }

        var typed = await person.AskAsync(prompt, either.Token);
        OpenSshLog.HelperAsked(logger, "a person", host, port, typed is not null);
        return typed is null ? HelperAnswer.Refuse : HelperAnswer.Line(typed);
    }
}
