using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.HostKeys;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>
/// Logs in to one hop of a route with SSH.NET: connects to where the hop's TCP connection goes (its address, or a
/// loopback port forwarded through the jump host before it), checks the host key under the hop's own name and
/// ssh_config, and authenticates with the hop's credentials. SSH.NET bounds each step of a connect separately and
/// ignores its token during key exchange, so the deadline is enforced here, and a connect that overruns it is
/// abandoned and disposed when it finally returns.
/// </summary>
internal sealed class SshNetLogin(HostKeyTrust hostKeys, IOptions<SshMcpOptions> options, TimeProvider time, ILogger<SshNetTransport> logger)
{
    private static readonly TimeSpan ChannelCloseTimeout = TimeSpan.FromSeconds(2);

    /// <param name="host">Where the TCP connection goes: the hop's approved host, or 127.0.0.1 through a jump host.</param>
    /// <param name="request">The call's request for the target; <see cref="OpenRequest.ForJump"/> for a jump host.</param>
    /// <param name="askedPassword">A password a person typed after the host turned out to want one; owned from then on.</param>
    /// <returns>The hop; null when the host wants a password that a person should now be asked for.</returns>
    public async Task<SshNetHop?> ConnectAsync(string host, int port, RouteHop hop, OpenRequest request, Secret? askedPassword, CancellationToken deadline, CancellationToken cancellationToken)
    {
        if (!hop.ThroughJump)
        {
            await HopName.RequireKnownAsync(hop, request.ConnectTimeout, deadline, cancellationToken);
        }

        // One token for the whole connect: the credentials' questions to a person and the agent wait on it too.
        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
        using var credentials = await CreateCredentialsAsync(request, askedPassword, either.Token, cancellationToken);
        var config = hop.Config;
        var step = config.ConnectTimeout is { } configured && configured < request.ConnectTimeout ? configured : request.ConnectTimeout;
        var info = new Renci.SshNet.ConnectionInfo(host, port, config.User, [.. credentials.Methods])
        {
            // ssh_config's ConnectTimeout bounds each network wait of the connect; the open's deadline bounds the whole.
            // SSH.NET waits for an authentication answer with this bound while the prompt handler waits for a person.
            Timeout = step + (request.Prompter?.AnswerBound ?? TimeSpan.Zero),
            ChannelCloseTimeout = ChannelCloseTimeout,
        };

        var client = new SshClient(info);
        var keepAlive = config.ServerAliveInterval > TimeSpan.Zero ? config.ServerAliveInterval : TimeSpan.FromSeconds(options.Value.KeepAliveSeconds);
        if (keepAlive > TimeSpan.Zero)
        {
            client.KeepAliveInterval = keepAlive;
        }

        var scope = HostKeyScope.For(config, hop.IsTarget ? request.HostKeyFingerprint : null);
        HostKeyDecision? decision = null;
        byte[]? keyBlob = null;
        client.HostKeyReceived += (_, e) =>
        {
            keyBlob = e.HostKey;
            decision = hostKeys.Check(scope, e.HostKey);
            e.CanTrust = decision.Trusted;
        };

        var connect = client.ConnectAsync(either.Token);
        try
        {
            await connect.WaitAsync(either.Token);
        }
        catch (Exception ex)
        {
            // A connect still running past the deadline disposes its client when it ends.
            _ = connect.ContinueWith(static (_, state) => ((SshClient)state!).Dispose(), client, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            if (connect.IsCompleted)
            {
                client.Dispose();
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (decision is { Trusted: false })
            {
                throw Failures.HostKeyRejected(config.HostName, config.Port, decision.RefusalMessage, ex);
            }

            if (ShouldAskForPassword(request, askedPassword, credentials, ex))
            {
                return null;
            }

            throw SshNetErrors.TranslateConnect(ex, hop, request.ConnectTimeout, credentials.Descriptions, credentials.ExplainRefusal(time.GetUtcNow()));
        }

        if (decision is null || keyBlob is null)
        {
            client.Dispose();
            throw Failures.NoHostKey(config.HostName, config.Port);
        }

        hostKeys.Accepted(scope, keyBlob, decision);
        return new SshNetHop(client, decision.Fingerprint, decision.Status);
    }

    /// <summary>
    /// A person can be asked, nobody gave a password or has typed one yet (keyboard-interactive was not offered), and
    /// the host refused the login while it still accepts passwords.
    /// </summary>
    private static bool ShouldAskForPassword(OpenRequest request, Secret? askedPassword, CredentialSet credentials, Exception failure) =>
        request.Prompter is not null
        && string.IsNullOrEmpty(request.Password)
        && askedPassword is null
        && !credentials.AskedInteractively
        && failure is Renci.SshNet.Common.SshAuthenticationException
        && SshNetErrors.AllowedMethods(failure, credentials.Methods).Contains("password");

    private async Task<CredentialSet> CreateCredentialsAsync(OpenRequest request, Secret? askedPassword, CancellationToken connectToken, CancellationToken cancellationToken)
    {
        var context = CredentialContext.FromOptions(options.Value, Environment.GetEnvironmentVariable, logger);
        try
        {
            return await CredentialSet.CreateAsync(request, context, connectToken, askedPassword);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failures.ConnectTimeout(request.Target.HostName, request.Target.Port, request.ConnectTimeout);
        }
    }
}
