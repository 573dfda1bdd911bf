using System.Globalization;
using SshMcp.TestKit;

namespace SshMcp.Bench.Server;

/// <summary>
/// Three replicas of the built server in cluster mode, each with its MCP client, meeting in a private
/// <c>redis-server</c>. Started together, stopped together.
/// </summary>
internal sealed class ClusterReplicas : IAsyncDisposable
{
    public const int Count = 3;

    private readonly RedisServer _redis;

    private ClusterReplicas(RedisServer redis, RunningServer[] replicas)
    {
        _redis = redis;
        Replicas = replicas;
    }

    public IReadOnlyList<RunningServer> Replicas { get; }

    public static async Task<ClusterReplicas> StartAsync(string dll, IDictionary<string, string?> environment, Action<string> log)
    {
        var redis = await RedisServer.StartAsync();
        var replicas = new List<RunningServer>();
        try
        {
            var clusterId = "bench" + Guid.NewGuid().ToString("N")[..8];
            foreach (var _ in Enumerable.Range(0, Count))
            {
                var own = new Dictionary<string, string?>(environment)
                {
                    ["SshMcp__Cluster__Redis"] = redis.ConnectionString,
                    ["SshMcp__Cluster__ClusterId"] = clusterId,
                    ["SshMcp__Cluster__SiloPort"] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
                };
                replicas.Add(await RunningServer.StartHttpAsync(dll, own, log));
            }

            return new ClusterReplicas(redis, [.. replicas]);
        }
        catch
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }

            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }
}
