using System.Globalization;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Cluster;

/// <summary>
/// Three replicas of the built server in cluster mode (A, B, C), a real Redis and a real sshd, shared by a test class.
/// Two principals, named tokens <c>alice</c> and <c>bob</c>, are known to every replica, and all three may use
/// <see cref="LocalRoot"/> for localPath transfers (as replicas on one machine could).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string AliceToken = "cluster-alice-7d1e0f43a9b24c58b6e2f0d9c8a7b6e5";
    public const string BobToken = "cluster-bob-0a9b8c7d6e5f40312f1e0d9c8b7a6f5e";

    private readonly string _clusterId = "test" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<string> _homes = [];
    private readonly int[] _httpPorts = [.. Enumerable.Range(0, 3).Select(_ => LoopbackPort.Free())];
    private readonly int[] _siloPorts = [.. Enumerable.Range(0, 3).Select(_ => LoopbackPort.Free())];
    private RedisServer? _redis;

    /// <summary>The directory every replica's localPath transfers may use.</summary>
    public string LocalRoot { get; } = Directory.CreateTempSubdirectory("sshmcp-cluster-files-").FullName;

    public SshdFixture Sshd { get; } = SshdFixture.Create(new SshdOptions());

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A, B and C, by index; a test that kills one restarts it.</summary>
    public ReplicaProcess[] Replicas { get; } = new ReplicaProcess[3];

    public async Task InitializeAsync()
    {
        await Sshd.InitializeAsync();
        _redis = await RedisServer.StartAsync();
        var started = await Task.WhenAll(Enumerable.Range(0, 3).Select(StartReplicaAsync));
        started.CopyTo(Replicas, 0);
    }

    /// <summary>
    /// Starts replica <paramref name="index"/> again as a new process (a new silo). Its old ports may have been taken
    /// meanwhile by another process's connection (other tests run beside these), so each try takes fresh ones.
    /// </summary>
    public async Task RestartAsync(int index)
    {
        await Replicas[index].DisposeAsync();
        for (var attempt = 1; ; attempt++)
        {
            _httpPorts[index] = LoopbackPort.Free();
            _siloPorts[index] = LoopbackPort.Free();
            try
            {
                Replicas[index] = await StartReplicaAsync(index);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // It exited while starting (a port taken between the check and its bind): again, elsewhere.
            }
        }
    }

    /// <summary>What every replica said, for a failure message.</summary>
    public string Logs() => string.Join("\n", Replicas.Where(r => r is not null).Select(r => $"--- replica {r.Name}:\n{r.Log}"));

    public async Task DisposeAsync()
    {
        foreach (var replica in Replicas.Where(r => r is not null))
        {
            await replica.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await Sshd.DisposeAsync();
        Directory.Delete(LocalRoot, recursive: true);
        foreach (var home in _homes)
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private Task<ReplicaProcess> StartReplicaAsync(int index)
    {
        var home = Directory.CreateTempSubdirectory("sshmcp-replica-").FullName;
        _homes.Add(home);
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
            ["SshMcp__KeyDirectory"] = Path.Combine(home, ".ssh"),
            ["SshMcp__AgentSocket"] = "none",
            ["SshMcp__Http__BindAddress"] = "127.0.0.1",
            ["SshMcp__Http__Tokens__alice"] = AliceToken,
            ["SshMcp__Http__Tokens__bob"] = BobToken,
            ["SshMcp__Cluster__Redis"] = Redis.ConnectionString,
            ["SshMcp__Cluster__ClusterId"] = _clusterId,
            ["SshMcp__Cluster__SiloPort"] = _siloPorts[index].ToString(CultureInfo.InvariantCulture),
            ["SshMcp__Files__LocalRoot"] = LocalRoot,
            ["OTEL_SDK_DISABLED"] = "true",
        };
        return ReplicaProcess.StartAsync(((char)('A' + index)).ToString(), _httpPorts[index], environment);
    }
}
