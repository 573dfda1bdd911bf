using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SshMcp.Server.Principals;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Targets;

/// <summary>
/// Applies the allow list before any TCP connect. With a list configured it resolves the host itself, checks every
/// address, and hands back the first of them for the connection, so the address checked is the address connected to
/// (no second lookup that DNS could answer differently). Without a list it changes nothing.
/// </summary>
internal sealed class TargetGate(TargetAllowList allowList, ILogger<TargetGate> logger)
{
    public bool IsEnforced => allowList.IsEnforced;

    /// <summary>
    /// The request to connect with: with a list configured, its <see cref="OpenRequest.ConnectAddress"/> is an address
    /// the list allows (every address of the host was checked); without one, the request unchanged.
    /// </summary>
    /// <param name="deadline">The connect deadline; it fires as a timeout failure.</param>
    /// <param name="cancellationToken">The caller's; it propagates as a cancellation.</param>
    /// <exception cref="SshFailureException">The target is refused, or its name does not resolve.</exception>
    public async Task<OpenRequest> ResolveAsync(Principal owner, OpenRequest request, CancellationToken deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!allowList.IsEnforced)
        {
            return request;
        }

        IPAddress[] addresses;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
        try
        {
            addresses = IPAddress.TryParse(request.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(request.Host, either.Token);
        }
        catch (SocketException ex)
        {
            throw Failures.HostNotFound(request.Host, ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failures.ConnectTimeout(request.Host, request.Port, request.ConnectTimeout);
        }

        if (addresses.Length == 0)
        {
            throw Failures.HostNotFound(request.Host);
        }

        Check(owner, new TargetHop(request.Host, request.Port, addresses));
        return request with { ConnectAddress = TargetPattern.Normalize(addresses[0]).ToString() };
    }

    /// <summary>Checks one hop (a ProxyJump host, or the target) whose addresses the caller resolved and will connect to.</summary>
    /// <exception cref="SshFailureException">The hop is not allowed for <paramref name="owner"/>.</exception>
    public void Check(Principal owner, TargetHop hop)
    {
        ArgumentNullException.ThrowIfNull(hop);
        var verdict = allowList.Check(owner, hop);
        if (!verdict.Allowed)
        {
            TargetLog.Refused(logger, owner.Id, hop.Host, hop.Port);
            throw new SshFailureException(SshFailureKind.TargetRefused, verdict.Message!);
        }
    }
}
