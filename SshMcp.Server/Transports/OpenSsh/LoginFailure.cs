using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// Why the master did not log in, in sshnet's words (<see cref="Failures"/>, <see cref="CredentialMessages"/>): ssh's
/// stderr says what failed and at which hop (<see cref="OpenSshErrors.Diagnose"/>), the planned route names that hop,
/// and a jump host's failure is said through the jump host, as sshnet says it. ssh's raw words stay in the debug log.
/// </summary>
internal static class LoginFailure
{
    public static async Task<SshFailureException> FromMessagesAsync(
        OpenRequest request, string stderr, LoginPrompts prompts, HostKeyAnswers keys, CredentialContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        var route = request.Route ?? throw new ArgumentException("The request is routed before a transport connects.", nameof(request));
        var diagnosis = OpenSshErrors.Diagnose(stderr, route.Hops.Count, route.ProxyCommand is not null);
        if (keys.FirstRefusal is { } refused && diagnosis.Problem is OpenSshProblem.HostKeyRefused or OpenSshProblem.ProxyFailed)
        {
            return Refusal(request, refused);
        }

        var hop = route.Hops[Math.Min(diagnosis.Hop, route.Hops.Count - 1)];
        if (diagnosis.Problem is OpenSshProblem.ProxyFailed || (diagnosis.Problem is OpenSshProblem.ForwardFailed && hop.IsTarget))
        {
            return Failures.JumpFailed(request.ToString(), diagnosis.Detail);
        }

        if (diagnosis.Problem is OpenSshProblem.ForwardFailed)
        {
            var next = route.Hops[hop.Index + 1];
            return Failures.JumpForwardFailed(hop.Label, $"'{next.Alias}'", next.Config.HostName, next.Config.Port);
        }

        var hopRequest = hop.IsTarget ? request : OpenRequest.ForJump(hop, request.ConnectTimeout);
        var (host, port) = (hop.Config.HostName, hop.Config.Port);
        var failure = diagnosis.Problem switch
        {
            OpenSshProblem.HostNotFound => Failures.HostNotFound(hopRequest.Host, host),
            OpenSshProblem.ConnectionRefused => Failures.ConnectionRefused(host, port),
            OpenSshProblem.Unreachable => Failures.Unreachable(host, port, diagnosis.Detail),
            OpenSshProblem.TimedOut => Failures.ConnectTimeout(host, port, request.ConnectTimeout),
            OpenSshProblem.HostKeyRefused => Failures.HostKeyRefusedBySsh(host, port, ChangedKeyReport.Describe(stderr) ?? diagnosis.Detail),
            OpenSshProblem.NotSsh => Failures.NotSsh(host, port),
            OpenSshProblem.AuthenticationFailed => await AuthenticationFailureAsync(hopRequest, diagnosis.Detail, prompts, context, time, cancellationToken),
            _ => Failures.OpenFailed(host, port, diagnosis.Detail),
        };
        return hop.IsTarget ? failure : Failures.AtJumpHost(hop.Label, $"'{route.Target.Alias}'", failure);
    }

    /// <summary>
    /// Nothing to log in with, seen before ssh starts: said as sshnet says it, from the credentials SSH.NET would have
    /// looked for, with what could not be used (an agent that is gone, a key that needs a passphrase).
    /// </summary>
    public static async Task<SshFailureException> NoCredentialsAsync(OpenRequest request, CredentialContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var unexpected = await CredentialSet.CreateAsync(request, context, cancellationToken);
        }
        catch (SshFailureException failure) when (failure.Kind is SshFailureKind.BadKey or SshFailureKind.NoCredentials)
        {
            return failure;
        }

        return new SshFailureException(SshFailureKind.NoCredentials, CredentialMessages.NoCredentials(request, []));
    }

    /// <summary>A refused host key, naming the jump host it was shown for as sshnet does.</summary>
    public static SshFailureException Refusal(OpenRequest request, HostKeyAnswers.Verdict refused)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(refused);
        var failure = Failures.HostKeyRejected(refused.Host, refused.Port, refused.Decision.RefusalMessage);
        return refused.Hop is { IsTarget: false } jump && request.Route is { } route
            ? Failures.AtJumpHost(jump.Label, $"'{route.Target.Alias}'", failure)
            : failure;
    }

    /// <summary>
    /// The hop refused every method: said in SSH.NET's words, from the credentials SSH.NET would have built for it
    /// (what was tried, and what the local side can tell: a certificate that expired, an agent with no key, a key that
    /// needs a passphrase), plus what ssh asked that nobody could answer.
    /// </summary>
    private static async Task<SshFailureException> AuthenticationFailureAsync(
        OpenRequest request, string serverSaid, LoginPrompts prompts, CredentialContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            using var credentials = await CredentialSet.CreateAsync(request, context, cancellationToken);
            var sentences = new List<string>();
            if (credentials.ExplainRefusal(time.GetUtcNow()) is { } explained)
            {
                sentences.Add(explained);
            }

            sentences.AddRange(prompts.Problems.Select(p => CredentialMessages.Sentences([p])).Where(p => !sentences.Any(s => s.Contains(p, StringComparison.Ordinal))));
            return Failures.AuthenticationFailed(request.ToString(), credentials.Descriptions, serverSaid, sentences.Count == 0 ? null : string.Join(" ", sentences));
        }
        catch (SshFailureException failure) when (failure.Kind is SshFailureKind.BadKey or SshFailureKind.NoCredentials)
        {
            return failure;
        }
    }
}
