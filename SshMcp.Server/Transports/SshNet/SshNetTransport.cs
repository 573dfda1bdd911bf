using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using Renci.SshNet.Common;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>
/// SSH.NET in-process: for machines without an <c>ssh</c> binary (the container image). SSH.NET bounds each step of a
/// connect separately and ignores its token during key exchange, so the deadline is enforced here, and a connect that
/// overruns it is abandoned and disposed when it finally returns. SSH.NET takes a password before it connects, so when
/// a person can be asked and the host turns out to want a password nobody gave, the person is asked and the login
/// made again with it.
/// </summary>
internal sealed class SshNetTransport(HostKeyTrust hostKeys, IOptions<SshMcpOptions> options, TimeProvider time, ILogger<SshNetTransport> logger) : ISshTransport
{
    public const string TransportName = "sshnet";

    private static readonly TimeSpan ChannelCloseTimeout = TimeSpan.FromSeconds(2);

    public string Name => TransportName;

    public async Task<SshConnectResult> ConnectAsync(OpenRequest request, CancellationToken deadline, CancellationToken cancellationToken)
    {
        // One token for the whole connect: the credentials' questions to a person and the agent wait on it too.
        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
        if (await ConnectOnceAsync(request, null, either.Token, cancellationToken) is { } connected)
        {
            return connected;
        }

        var password = await request.Prompter!.AskAsync(
            new SecretPrompt(SecretKind.Password, request.Username, request.Host, request.Port, $"{request.Username}@{request.Host}'s password:"), either.Token);
        return await ConnectOnceAsync(request, password, either.Token, cancellationToken)
            ?? throw new InvalidOperationException("A login with a password a person typed asked for a password again.");
    }

    /// <summary>The connection; null when the host wants a password that a person should now be asked for.</summary>
    private async Task<SshConnectResult?> ConnectOnceAsync(OpenRequest request, Secret? askedPassword, CancellationToken connectToken, CancellationToken cancellationToken)
    {
        using var credentials = await CreateCredentialsAsync(request, askedPassword, connectToken, cancellationToken);
        var info = new Renci.SshNet.ConnectionInfo(request.ConnectAddress ?? request.Host, request.Port, request.Username, [.. credentials.Methods])
        {
            // SSH.NET waits for an authentication answer with this bound while the prompt handler waits for a person.
            Timeout = request.ConnectTimeout + (request.Prompter?.AnswerBound ?? TimeSpan.Zero),
            ChannelCloseTimeout = ChannelCloseTimeout,
        };

        var client = new SshClient(info);
        if (options.Value.KeepAliveSeconds > 0)
        {
            client.KeepAliveInterval = TimeSpan.FromSeconds(options.Value.KeepAliveSeconds);
        }

        HostKeyDecision? decision = null;
        byte[]? keyBlob = null;
        client.HostKeyReceived += (_, e) =>
        {
            keyBlob = e.HostKey;
            decision = hostKeys.Check(request.Host, request.Port, e.HostKey, request.HostKeyFingerprint);
            e.CanTrust = decision.Trusted;
        };

        var connect = client.ConnectAsync(connectToken);
        try
        {
            await connect.WaitAsync(connectToken);
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
                throw Failures.HostKeyRejected(request.Host, request.Port, decision.RefusalMessage, ex);
            }

            if (ShouldAskForPassword(request, askedPassword, credentials, ex))
            {
                return null;
            }

            throw SshNetErrors.TranslateConnect(ex, request, credentials.Descriptions, credentials.ExplainRefusal(time.GetUtcNow()));
        }

        if (decision is null || keyBlob is null)
        {
            client.Dispose();
            throw Failures.NoHostKey(request.Host, request.Port);
        }

        hostKeys.Accepted(request.Host, request.Port, keyBlob, decision);
        return new SshConnectResult(new SshNetConnection(client, request.Host), decision.Fingerprint, decision.Status);
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
        && failure is SshAuthenticationException
        && SshNetErrors.AllowedMethods(failure, credentials.Methods).Contains("password");

    private async Task<CredentialSet> CreateCredentialsAsync(OpenRequest request, Secret? askedPassword, CancellationToken connectToken, CancellationToken cancellationToken)
    {
        var context = new CredentialContext(
            Environment.GetEnvironmentVariable, KeyDirectory(), options.Value.AgentSocket, options.Value.AgentTimeout, logger);
        try
        {
            return await CredentialSet.CreateAsync(request, context, connectToken, askedPassword);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failures.ConnectTimeout(request.Host, request.Port, request.ConnectTimeout);
        }
    }

    private string? KeyDirectory()
    {
        if (!string.IsNullOrEmpty(options.Value.KeyDirectory))
        {
            return options.Value.KeyDirectory;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".ssh");
    }
}
