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

    /// <summary>The host to connect to: an address the list allows, or the host unchanged when no list is configured.</summary>
    /// <exception cref="SshFailureException">The target is refused, or its name does not resolve.</exception>
    public async Task<string> ResolveAsync(Principal owner, OpenRequest request, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!allowList.IsEnforced)
        {
            return request.Host;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(request.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(request.Host, deadline);
        }
        catch (SocketException ex)
        {
            throw SshErrorTranslator.TranslateConnect(ex, request, []);
        }
        catch (OperationCanceledException)
        {
            throw SshErrorTranslator.Timeout(request);
        }

        if (addresses.Length == 0)
        {
            throw SshErrorTranslator.TranslateConnect(new SocketException((int)SocketError.HostNotFound), request, []);
        }

        Check(owner, new TargetHop(request.Host, request.Port, addresses));
        return TargetPattern.Normalize(addresses[0]).ToString();
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
