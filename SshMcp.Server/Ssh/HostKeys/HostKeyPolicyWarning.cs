using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Options;

namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>Says once, at start, when host keys are not checked: an operator must not miss it.</summary>
internal sealed partial class HostKeyPolicyWarning(IOptions<SshMcpOptions> options, ILogger<HostKeyPolicyWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (HostKeyPolicyParser.TryParse(options.Value.HostKeyPolicy, out var policy) && policy == HostKeyPolicy.Off)
        {
            HostKeyCheckingOff(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1020, LogLevel.Warning, "Host key checking is off (SshMcp:HostKeyPolicy=off): any host key is accepted, so a connection can be intercepted. Use accept-new or strict for real hosts.")]
    private static partial void HostKeyCheckingOff(ILogger logger);
}
