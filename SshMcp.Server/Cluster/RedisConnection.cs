using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SshMcp.Server.Cluster;

/// <summary>
/// The one Redis connection of a replica, shared by Orleans' membership table, its session directory and the session
/// index. Connects on first use and keeps reconnecting on its own when Redis goes away for a while.
/// </summary>
internal sealed class RedisConnection(IOptions<SshMcpClusterOptions> options) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectionMultiplexer.ConnectAsync(Configuration(options.Value)));

    public Task<ConnectionMultiplexer> GetAsync() => _connection.Value;

    public async Task<IDatabase> DatabaseAsync() => (await GetAsync()).GetDatabase();

    public static ConfigurationOptions Configuration(SshMcpClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.Redis ?? "");
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= "sshmcp";
        return configuration;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}
