using Microsoft.Extensions.Logging;
using Renci.SshNet;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>
/// SSH.NET in-process: for machines without an <c>ssh</c> binary (the container image). It follows the route ssh_config
/// resolved: each jump host in turn, each logged in with its own config and credentials and its host key checked under
/// its own name, and every later hop reached through a <c>direct-tcpip</c> channel of the hop before it
/// (<see cref="ConnectOnlyForward"/>). The connection owns every hop's client. A ProxyCommand cannot carry SSH.NET,
/// which only connects through a TCP socket of its own: such a route is refused with the way out.
/// </summary>
internal sealed class SshNetTransport(SshNetLogin login, ILogger<SshNetTransport> logger) : ISshTransport
{
    public const string TransportName = "sshnet";

    public string Name => TransportName;

    public async Task<SshConnectResult> ConnectAsync(OpenRequest request, CancellationToken deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = request.Route ?? throw new ArgumentException("The request is routed before a transport connects.", nameof(request));
        if (route.ProxyCommand is not null)
        {
            throw Failures.ProxyCommandNeedsOpenSsh(request.Host, route.Hops[0].Alias);
        }

        if (route.Target.Config is { SetEnv.Count: > 0 } or { SendEnv.Count: > 0 })
        {
            RouteLog.EnvironmentNotSent(logger, route.Target.Alias);
        }

        var clients = new List<SshClient>(route.Hops.Count);
        try
        {
            SshNetHop? last = null;
            foreach (var hop in route.Hops)
            {
                var hopRequest = hop.IsTarget ? request : OpenRequest.ForJump(hop, request.ConnectTimeout);
                last = await ConnectHopAsync(route, hop, hopRequest, clients.LastOrDefault(), deadline, cancellationToken);
                clients.Add(last.Client);
            }

            if (route.Hops.Count > 1)
            {
                RouteLog.Connected(logger, route.Target.Alias, route.Hops.Count - 1);
            }

            return new SshConnectResult(new SshNetConnection(clients, route.Target.Alias), last!.HostKeyFingerprint, last.HostKeyStatus);
        }
        catch
        {
            await SshNetConnection.DisposeClientsAsync(clients);
            throw;
        }
    }

    /// <summary>
    /// One hop. SSH.NET takes a password before it connects, so when a person can be asked (the target only: a jump
    /// host's request has no prompter) and the host turns out to want a password nobody gave, the person is asked and
    /// the hop connected again with it, through a new forward.
    /// </summary>
    /// <param name="jump">The client of the hop before, or null for the first hop.</param>
    private async Task<SshNetHop> ConnectHopAsync(SshRoute route, RouteHop hop, OpenRequest request, SshClient? jump, CancellationToken deadline, CancellationToken cancellationToken)
    {
        if (await ConnectHopOnceAsync(route, hop, request, jump, null, deadline, cancellationToken) is { } connected)
        {
            return connected;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
        var (user, host, port) = (hop.Config.User, hop.Config.HostName, hop.Config.Port);
        var password = await request.Prompter!.AskAsync(new SecretPrompt(SecretKind.Password, user, host, port, $"{user}@{host}'s password:"), either.Token);
        return await ConnectHopOnceAsync(route, hop, request, jump, password, deadline, cancellationToken)
            ?? throw new InvalidOperationException("A login with a password a person typed asked for a password again.");
    }

    /// <returns>The hop; null when it wants a password that a person should now be asked for.</returns>
    private async Task<SshNetHop?> ConnectHopOnceAsync(SshRoute route, RouteHop hop, OpenRequest request, SshClient? jump, Secret? askedPassword, CancellationToken deadline, CancellationToken cancellationToken)
    {
        ConnectOnlyForward? forward = null;
        var previous = hop.ThroughJump ? route.Hops[hop.Index - 1] : null;
        try
        {
            if (jump is null)
            {
                return await login.ConnectAsync(hop.ConnectHost, hop.Config.Port, hop, request, askedPassword, deadline, cancellationToken);
            }

            forward = StartForward(jump, hop, previous!);
            RouteLog.Forwarding(logger, hop.Alias, previous!.Alias, forward.LocalPort);
            var connected = await login.ConnectAsync("127.0.0.1", forward.LocalPort, hop, request, askedPassword, deadline, cancellationToken);
            if (connected is not null && forward.ReachedByOthers)
            {
                connected.Client.Dispose();
                throw Failures.JumpForwardIntercepted(previous!.Label);
            }

            return connected;
        }
        catch (SshFailureException failure) when (previous is not null && failure.Kind == SshFailureKind.NotSsh)
        {
            throw Failures.JumpForwardFailed(previous.Label, $"'{hop.Alias}'", hop.Config.HostName, hop.Config.Port, failure);
        }
        catch (SshFailureException failure) when (!hop.IsTarget)
        {
            throw Failures.AtJumpHost(hop.Label, $"'{route.Target.Alias}'", failure);
        }
        finally
        {
            forward?.CloseListener();
        }
    }

    private static ConnectOnlyForward StartForward(SshClient jump, RouteHop hop, RouteHop previous)
    {
        try
        {
            return ConnectOnlyForward.Start(jump, hop.ConnectHost, hop.Config.Port);
        }
        catch (Exception ex) when (ex is not SshFailureException)
        {
            // The jump host's connection dropped, or no loopback port could be bound.
            throw Failures.OpenFailed(hop.Config.HostName, hop.Config.Port, $"forwarding through {previous.Label} failed: {ex.GetType().Name}", ex);
        }
    }
}
