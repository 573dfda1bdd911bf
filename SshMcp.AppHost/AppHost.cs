using Microsoft.Extensions.Configuration;
using SshMcp.AppHost;
using SshMcp.AppHost.Cluster;
using SshMcp.AppHost.Sshd;

var builder = DistributedApplication.CreateBuilder(args);

// Something for the agent to run commands on: a disposable OpenSSH server (a container, or this machine's sshd).
var sshd = await builder.AddDisposableSshdAsync("sshd");

// The MCP server over HTTP, on McpServer:Port (the http launch profile says 3001) or a free port. Not proxied:
// through DCP's proxy the first health probe hangs while the server starts. Its environment holds no secret:
// credentials travel in ssh_open calls only.
// With McpServer:Replicas above 1 (the cluster launch profile says 3), that many replicas in cluster mode instead,
// on consecutive ports, meeting in a local Redis: any replica answers any call.
var replicas = builder.Configuration.GetValue("McpServer:Replicas", 1);
var port = builder.Configuration.GetValue<int?>("McpServer:Port");
var redis = replicas > 1 ? builder.AddLocalRedis("redis") : default;
for (var i = 0; i < replicas; i++)
{
    var server = builder.AddProject<Projects.SshMcp_Server>(replicas > 1 ? $"server-{(char)('a' + i)}" : "server")
        .WithHttpEndpoint(port: port + i, env: "PORT", isProxied: false)
        .WithHttpHealthCheck("/health")
        .WithMcpEndpointUrl()
        .WaitFor(sshd);
    if (redis.Redis is not null)
    {
        server.AsReplicaOf(redis.Redis, redis.ConnectionString);
    }
}

await using var app = builder.Build();
await app.RunAsync();
