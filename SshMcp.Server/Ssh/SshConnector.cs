using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using SshMcp.Server.Options;

namespace SshMcp.Server.Ssh;

/// <summary>
/// Connects and authenticates under one deadline. SSH.NET bounds each step of a connect separately and ignores its
/// token during key exchange, so the deadline is enforced here and a connect that overruns it is abandoned and
/// disposed when it finally returns.
/// </summary>
internal sealed class SshConnector(IHostKeyTrust hostKeyTrust, IOptions<SshMcpOptions> options, TimeProvider time, ILogger<SshConnector> logger)
{
    public async Task<ConnectedClient> ConnectAsync(OpenRequest request, TimeSpan keepAlive, CancellationToken deadline)
    {
        using var credentials = await CreateCredentialsAsync(request, deadline);
        var info = new Renci.SshNet.ConnectionInfo(request.Host, request.Port, request.Username, [.. credentials.Methods])
        {
            Timeout = request.ConnectTimeout,
            ChannelCloseTimeout = TimeSpan.FromSeconds(2),
        };

        var client = new SshClient(info);
        if (keepAlive > TimeSpan.Zero)
        {
            client.KeepAliveInterval = keepAlive;
        }

        HostKeyVerdict? verdict = null;
        client.HostKeyReceived += (_, e) =>
        {
            verdict = hostKeyTrust.Check(request.Host, request.Port, e.HostKey, request.HostKeyFingerprint);
            e.CanTrust = verdict.Trusted;
        };

        var connect = client.ConnectAsync(deadline);
        try
        {
            await connect.WaitAsync(deadline);
        }
        catch (Exception ex)
        {
            // A connect still running past the deadline disposes its client when it ends.
            _ = connect.ContinueWith(static (_, state) => ((SshClient)state!).Dispose(), client, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            if (connect.IsCompleted)
            {
                client.Dispose();
            }

            if (verdict is { Trusted: false })
            {
                throw new SshFailureException(SshFailureKind.HostKeyRejected, verdict.RefusalMessage ?? $"The host key of {request.Host}:{request.Port} was refused.", ex);
            }

            throw ex is OperationCanceledException
                ? SshErrorTranslator.Timeout(request)
                : SshErrorTranslator.TranslateConnect(ex, request, credentials.Descriptions, credentials.ExplainRefusal(time.GetUtcNow()));
        }

        if (verdict is null)
        {
            client.Dispose();
            throw new SshFailureException(SshFailureKind.HostKeyRejected, $"{request.Host}:{request.Port} presented no host key.");
        }

        hostKeyTrust.Accepted(request.Host, request.Port, verdict);
        return new ConnectedClient(client, verdict.Fingerprint, verdict.Status);
    }

    private async Task<CredentialSet> CreateCredentialsAsync(OpenRequest request, CancellationToken deadline)
    {
        var context = new CredentialContext(
            Environment.GetEnvironmentVariable, KeyDirectory(), options.Value.AgentSocket, options.Value.AgentTimeout, logger);
        try
        {
            return await CredentialSet.CreateAsync(request, context, deadline);
        }
        catch (OperationCanceledException)
        {
            throw SshErrorTranslator.Timeout(request);
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
