using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Config;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Tests.Infrastructure;

/// <summary>Routes as the registry would plan them for a host without ssh_config, for tests that call a transport directly.</summary>
internal static class TestRoutes
{
    /// <summary>A one-hop route to <paramref name="host"/>:<paramref name="port"/> as <paramref name="user"/>, with nothing configured.</summary>
    public static SshRoute Direct(string host, int port, string user) =>
        new([new RouteHop(0, 1, new ResolvedTarget
        {
            Alias = host,
            HostName = host,
            User = user,
            UserSource = SettingSource.Call,
            Port = port,
            PortSource = SettingSource.Call,
            IdentityFiles = [],
            IdentityFilesSource = SettingSource.Default,
        })]);

    /// <summary><paramref name="request"/> routed straight to its host, port and user.</summary>
    public static OpenRequest Routed(this OpenRequest request) =>
        request with { Route = Direct(request.Host, request.Port ?? 22, request.Username ?? throw new ArgumentException("A direct route needs a user.", nameof(request))) };
}
