using Microsoft.Extensions.Options;
using SshMcp.Server.Principals;
using StackExchange.Redis;

namespace SshMcp.Server.Cluster;

/// <summary>
/// Which sessions each principal has, on which replica, in Redis; and which sessions were lost with a replica. It
/// holds session keys (<see cref="Sessions.SessionIds.ClusterKey"/>), never ids. Kept exact by the replica that holds
/// a session (open, and every removal: close, idle, ended, stopping) and by every survivor when a replica is declared
/// dead (<see cref="LostReplicaSweeper"/>).
/// <list type="bullet">
/// <item><c>sshmcp:CLUSTER:owner:PRINCIPAL</c>, a hash: session key → replica.</item>
/// <item><c>sshmcp:CLUSTER:replica:SILO</c>, a set: <c>PRINCIPAL\nKEY</c> for each session the replica holds.</item>
/// <item><c>sshmcp:CLUSTER:lost:KEY</c>, the owning principal, expiring after <see cref="SshMcpClusterOptions.LostSessionMemoryMinutes"/>.</item>
/// </list>
/// </summary>
internal sealed class SessionIndex(RedisConnection redis, IOptions<SshMcpClusterOptions> options)
{
    private const char Separator = '\n';
    private readonly string _prefix = $"sshmcp:{options.Value.ClusterId}:";
    private readonly TimeSpan _lostMemory = TimeSpan.FromMinutes(options.Value.LostSessionMemoryMinutes);

    public async Task AddAsync(string key, Principal owner, string replica)
    {
        var db = await redis.DatabaseAsync();
        await Task.WhenAll(db.HashSetAsync(Owned(owner), key, replica), db.SetAddAsync(Held(replica), Member(owner, key)));
    }

    public async Task RemoveAsync(string key, Principal owner, string replica)
    {
        var db = await redis.DatabaseAsync();
        await Task.WhenAll(db.HashDeleteAsync(Owned(owner), key), db.SetRemoveAsync(Held(replica), Member(owner, key)));
    }

    /// <summary>The session is gone with its replica: its owner is told so, rather than "unknown", for a while.</summary>
    public async Task MarkLostAsync(string key, Principal owner, string? replica)
    {
        var db = await redis.DatabaseAsync();
        await Task.WhenAll(
            db.HashDeleteAsync(Owned(owner), key),
            replica is null ? Task.CompletedTask : db.SetRemoveAsync(Held(replica), Member(owner, key)),
            db.StringSetAsync(Lost(key), owner.Id, _lostMemory));
    }

    /// <summary>The owner's sessions and the replica holding each.</summary>
    public async Task<IReadOnlyList<(string Key, string Replica)>> ListAsync(Principal owner)
    {
        var db = await redis.DatabaseAsync();
        var entries = await db.HashGetAllAsync(Owned(owner));
        return [.. entries.Select(e => (e.Name.ToString(), e.Value.ToString()))];
    }

    public async Task<long> CountAsync(Principal owner) => await (await redis.DatabaseAsync()).HashLengthAsync(Owned(owner));

    /// <summary>
    /// Called when a session's grain has nothing behind it: true when the session was the owner's and its replica is
    /// gone (it is then remembered as lost); false when it is unknown to the owner, as for an id that never existed.
    /// </summary>
    public async Task<bool> WasLostAsync(string key, Principal owner)
    {
        var db = await redis.DatabaseAsync();
        var replica = await db.HashGetAsync(Owned(owner), key);
        if (replica.HasValue)
        {
            await MarkLostAsync(key, owner, replica.ToString());
            return true;
        }

        return await db.StringGetAsync(Lost(key)) == owner.Id;
    }

    /// <summary>The owner closed a lost session: it is forgotten.</summary>
    public async Task ForgetLostAsync(string key, Principal owner)
    {
        var db = await redis.DatabaseAsync();
        if (await db.StringGetAsync(Lost(key)) == owner.Id)
        {
            await db.KeyDeleteAsync(Lost(key));
        }
    }

    /// <summary>Every session of a dead replica becomes lost; returns how many there were. Idempotent.</summary>
    public async Task<int> SweepReplicaAsync(string replica)
    {
        var db = await redis.DatabaseAsync();
        var members = await db.SetMembersAsync(Held(replica));
        foreach (var member in members)
        {
            var text = member.ToString();
            var split = text.LastIndexOf(Separator);
            if (split > 0 && Principal.Parse(text[..split]) is { } owner)
            {
                await MarkLostAsync(text[(split + 1)..], owner, null);
            }
        }

        await db.KeyDeleteAsync(Held(replica));
        return members.Length;
    }

    private RedisKey Owned(Principal owner) => _prefix + "owner:" + owner.Id;

    private RedisKey Held(string replica) => _prefix + "replica:" + replica;

    private RedisKey Lost(string key) => _prefix + "lost:" + key;

    private static RedisValue Member(Principal owner, string key) => owner.Id + Separator + key;
}
