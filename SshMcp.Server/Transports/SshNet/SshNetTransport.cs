using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>
/// SSH.NET in-process: for machines without an <c>ssh</c> binary (the container image). SSH.NET bounds each step of a
/// connect separately and ignores its token during key exchange, so the deadline is enforced here, and a connect that
/// overruns it is abandoned and disposed when it finally returns.
/// </summary>
internal sealed class SshNetTransport(HostKeyTrust hostKeys, IOptions<SshMcpOptions> options, TimeProvider time, ILogger<SshNetTransport> logger) : ISshTransport
{
    public const string TransportName = "sshnet";

    private static readonly TimeSpan ChannelCloseTimeout = TimeSpan.FromSeconds(2);

    public string Name => TransportName;

    public async Task<SshConnectResult> ConnectAsync(OpenRequest request, CancellationToken deadline, CancellationToken cancellationToken)
    {
        using var credentials = await CreateCredentialsAsync(request, deadline, cancellationToken);
        var info = new Renci.SshNet.ConnectionInfo(request.ConnectAddress ?? request.Host, request.Port, request.Username, [.. credentials.Methods])
        {
            Timeout = request.ConnectTimeout,
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

        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
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
                throw Failures.HostKeyRejected(request.Host, request.Port, decision.RefusalMessage, ex);
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

    private async Task<CredentialSet> CreateCredentialsAsync(OpenRequest request, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var context = CredentialContext.FromOptions(options.Value, Environment.GetEnvironmentVariable, logger);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
        try
        {
            return await CredentialSet.CreateAsync(request, context, either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failures.ConnectTimeout(request.Host, request.Port, request.ConnectTimeout);
        }
    }
}
