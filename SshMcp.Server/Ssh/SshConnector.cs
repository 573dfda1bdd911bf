using Microsoft.Extensions.Options;
using Renci.SshNet;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Targets;

namespace SshMcp.Server.Ssh;

/// <summary>
/// Connects and authenticates under one deadline. SSH.NET bounds each step of a connect separately and ignores its
/// token during key exchange, so the deadline is enforced here and a connect that overruns it is abandoned and
/// disposed when it finally returns.
/// </summary>
internal sealed class SshConnector(IHostKeyTrust hostKeyTrust, TargetGate targets, IOptions<SshMcpOptions> options)
{
    public async Task<ConnectedClient> ConnectAsync(OpenRequest request, Principal owner, TimeSpan keepAlive, CancellationToken deadline)
    {
        var connectTo = await targets.ResolveAsync(owner, request, deadline);
        using var credentials = CredentialSet.Create(request, Environment.GetEnvironmentVariable, KeyDirectory());
        var info = new Renci.SshNet.ConnectionInfo(connectTo, request.Port, request.Username, [.. credentials.Methods])
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

            throw ex is OperationCanceledException ? SshErrorTranslator.Timeout(request) : SshErrorTranslator.TranslateConnect(ex, request, credentials.Descriptions);
        }

        if (verdict is null)
        {
            client.Dispose();
            throw new SshFailureException(SshFailureKind.HostKeyRejected, $"{request.Host}:{request.Port} presented no host key.");
        }

        hostKeyTrust.Accepted(request.Host, request.Port, verdict);
        return new ConnectedClient(client, verdict.Fingerprint, verdict.Status);
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
