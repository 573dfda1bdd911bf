using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Orleans.Configuration;
using Orleans.Diagnostics;
using Orleans.Hosting;
using SshMcp.Server.Elicitation;
using SshMcp.Server.Http;
using SshMcp.Server.Options;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Cluster;

/// <summary>
/// Cluster mode's registrations: this HTTP server becomes an Orleans silo whose members, and whose session grains'
/// locations, are in Redis; the tools' <see cref="ISessionService"/> becomes <see cref="ClusterSessionService"/>.
/// Called only when <see cref="ClusterMode.IsConfigured"/>; nothing here runs otherwise.
/// </summary>
internal static class ClusterHosting
{
    /// <summary>The grain directory of session grains: in Redis, so a replica's death loses only its own entries.</summary>
    public const string SessionDirectory = "sessions";

    /// <summary>Past the longest command a call may run, the time to stop it and to end a shell, with room to spare.</summary>
    private static readonly TimeSpan ResponseMargin = TimeSpan.FromSeconds(30);

    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the Orleans types out of the caller's compiled code
    public static void AddSshMcpCluster(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SshMcpClusterOptions>().Bind(builder.Configuration.GetSection(SshMcpClusterOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SshMcpClusterOptions>, SshMcpClusterOptionsValidator>());
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<SessionIndex>();
        services.Replace(ServiceDescriptor.Singleton<ISessionService, ClusterSessionService>());
        services.Replace(ServiceDescriptor.Singleton<IOpenAttemptRouter, ClusterOpenAttempts>());
        services.AddSingleton<ISessionRemovalListener, ClusterRemovalListener>();
        services.AddHostedService<LostReplicaSweeper>();
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(ActivitySources.ApplicationGrainActivitySourceName));

        // Orleans' own categories are chatty at Information (options dumps, every membership step).
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);

        builder.UseOrleans(silo =>
        {
            silo.AddActivityPropagation();
            silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<SshMcpClusterOptions>>((o, cluster) =>
            {
                o.ClusterId = cluster.Value.ClusterId;
                o.ServiceId = cluster.Value.ClusterId;
            });
            silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<SshMcpClusterOptions>, IOptions<SshMcpHttpOptions>>(ConfigureEndpoints);
            // A grain call lasts at most a command's longest run and its stop, or a person's answer on the secret page.
            silo.Services.AddOptions<SiloMessagingOptions>().Configure<IOptions<SshMcpOptions>, IOptions<ElicitationOptions>>((o, sessions, elicitation) =>
                o.ResponseTimeout = TimeSpan.FromTicks(Math.Max(sessions.Value.MaxTimeout.Ticks, elicitation.Value.Timeout.Ticks)) + sessions.Value.StopTimeout + ResponseMargin);
            silo.Services.AddOptions<ClusterMembershipOptions>().Configure<IOptions<SshMcpClusterOptions>>((o, cluster) =>
            {
                // A replica that dies must be declared dead within seconds: its sessions' callers are waiting.
                o.ProbeTimeout = TimeSpan.FromMilliseconds(cluster.Value.ProbeTimeoutMs);
                o.NumMissedProbesLimit = 2;
            });
            silo.UseRedisClustering(_ => { });
            silo.Services.AddOptions<Orleans.Clustering.Redis.RedisClusteringOptions>().Configure<RedisConnection, IOptions<SshMcpClusterOptions>>((o, redis, cluster) =>
            {
                o.ConfigurationOptions = RedisConnection.Configuration(cluster.Value);
                o.CreateMultiplexer = async _ => (await redis.GetAsync(), true);
            });
            silo.AddRedisGrainDirectory(SessionDirectory, o => o.Configure<RedisConnection, IOptions<SshMcpClusterOptions>>((d, redis, cluster) =>
            {
                d.ConfigurationOptions = RedisConnection.Configuration(cluster.Value);
                d.CreateMultiplexer = async _ => (await redis.GetAsync(), true);
            }));
        });
    }

    private static void ConfigureEndpoints(EndpointOptions endpoint, IOptions<SshMcpClusterOptions> cluster, IOptions<SshMcpHttpOptions> http)
    {
        var address = AdvertisedAddress(cluster.Value, http.Value);
        endpoint.AdvertisedIPAddress = address;
        endpoint.SiloPort = cluster.Value.SiloPort;
        endpoint.GatewayPort = 0; // no external Orleans clients: replicas only call each other
        endpoint.SiloListeningEndpoint = new IPEndPoint(IPAddress.IsLoopback(address) ? address : IPAddress.Any, cluster.Value.SiloPort);
    }

    /// <summary>The setting; else the HTTP bind address when it names one interface; else this host's first IPv4 address.</summary>
    private static IPAddress AdvertisedAddress(SshMcpClusterOptions cluster, SshMcpHttpOptions http)
    {
        if (IPAddress.TryParse(cluster.AdvertisedAddress, out var configured))
        {
            return configured;
        }

        if (HttpEndpointSetup.TryParseBindAddress(http.BindAddress, out var bound) && !bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any))
        {
            return bound;
        }

        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
