using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using SshMcp.TestKit;

namespace SshMcp.AppHost.Cluster;

public static class ClusterResourceExtensions
{
    /// <summary>The replicas' cluster id; one Redis could hold several clusters.</summary>
    public const string ClusterId = "apphost";

    /// <summary>
    /// Redis as an executable resource (this machine's <c>redis-server</c>: no container engine needed), healthy once
    /// it answers PING. Returns the resource and the connection string the replicas get.
    /// </summary>
    public static (IResourceBuilder<ExecutableResource> Redis, string ConnectionString) AddLocalRedis(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var redis = LocalRedis.Create();
        builder.Services.AddHostedService(_ => new DisposeOnStop(redis));
        var check = $"{name}-ping";
        builder.Services.AddHealthChecks().AddCheck(check, new RedisPingHealthCheck(redis.Port));
        var resource = builder.AddExecutable(name, LocalRedis.Program, redis.Directory, redis.Arguments)
            .WithEndpoint(port: redis.Port, targetPort: redis.Port, scheme: "tcp", name: "redis", isProxied: false)
            .WithHealthCheck(check);
        return (resource, redis.ConnectionString);
    }

    /// <summary>One replica of a cluster: cluster mode on, its own port for the other replicas to call.</summary>
    public static IResourceBuilder<ProjectResource> AsReplicaOf(this IResourceBuilder<ProjectResource> server, IResourceBuilder<ExecutableResource> redis, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server
            .WithEnvironment("SshMcp__Cluster__Redis", connectionString)
            .WithEnvironment("SshMcp__Cluster__ClusterId", ClusterId)
            .WithEnvironment("SshMcp__Cluster__SiloPort", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture))
            .WaitFor(redis);
    }
}
