using Microsoft.Extensions.Options;
using SshMcp.Server.Cluster;
using SshMcp.Server.Principals;

namespace SshMcp.Tests.Cluster;

/// <summary>The cluster's index of sessions against a real redis-server: what ssh_list and "lost" answers read.</summary>
#pragma warning disable CA1001 // xunit disposes the connection through IAsyncLifetime.DisposeAsync, after every test.
public sealed class SessionIndexTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly Principal Alice = Principal.Token("alice");
    private static readonly Principal Bob = Principal.Token("bob");
    private RedisServer? _redis;
    private RedisConnection? _connection;
    private SessionIndex? _index;

    private SessionIndex Index => _index!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var options = Options.Create(new SshMcpClusterOptions { Redis = _redis.ConnectionString, ClusterId = "index-tests" });
        _connection = new RedisConnection(options);
        _index = new SessionIndex(_connection, options);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task List_AfterAddAndRemove_ShowsEachPrincipalOnlyItsOwnLiveSessions()
    {
        await Index.AddAsync("k1", Alice, "replica-a");
        await Index.AddAsync("k2", Alice, "replica-b");
        await Index.AddAsync("k3", Bob, "replica-a");
        await Index.RemoveAsync("k2", Alice, "replica-b");

        Assert.Equal([("k1", "replica-a")], await Index.ListAsync(Alice));
        Assert.Equal([("k3", "replica-a")], await Index.ListAsync(Bob));
        Assert.Equal(1, await Index.CountAsync(Alice));
    }

    [Fact]
    public async Task WasLost_ForTheOwnerOfAListedSession_IsTrueAndStaysTrueButNotForAnotherPrincipal()
    {
        await Index.AddAsync("k1", Alice, "replica-a");

        Assert.False(await Index.WasLostAsync("k1", Bob));
        Assert.True(await Index.WasLostAsync("k1", Alice));
        Assert.True(await Index.WasLostAsync("k1", Alice));
        Assert.False(await Index.WasLostAsync("k1", Bob));
        Assert.Empty(await Index.ListAsync(Alice));
        Assert.False(await Index.WasLostAsync("never-opened", Alice));
    }

    [Fact]
    public async Task SweepReplica_OfADeadReplica_MakesOnlyItsSessionsLost()
    {
        await Index.AddAsync("k1", Alice, "replica-a");
        await Index.AddAsync("k2", Bob, "replica-a");
        await Index.AddAsync("k3", Alice, "replica-b");

        Assert.Equal(2, await Index.SweepReplicaAsync("replica-a"));
        Assert.Equal(0, await Index.SweepReplicaAsync("replica-a"));

        Assert.Equal([("k3", "replica-b")], await Index.ListAsync(Alice));
        Assert.Empty(await Index.ListAsync(Bob));
        Assert.True(await Index.WasLostAsync("k1", Alice));
        Assert.True(await Index.WasLostAsync("k2", Bob));
        Assert.False(await Index.WasLostAsync("k2", Alice));
    }

    [Fact]
    public async Task ForgetLost_ByTheOwner_ForgetsItAndIgnoresOthers()
    {
        await Index.AddAsync("k1", Alice, "replica-a");
        await Index.MarkLostAsync("k1", Alice, "replica-a");

        await Index.ForgetLostAsync("k1", Bob);
        Assert.True(await Index.WasLostAsync("k1", Alice));
        await Index.ForgetLostAsync("k1", Alice);
        Assert.False(await Index.WasLostAsync("k1", Alice));
    }
}
