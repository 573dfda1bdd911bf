using Microsoft.Extensions.Configuration;
using SshMcp.AppHost;
using SshMcp.AppHost.Sshd;

var builder = DistributedApplication.CreateBuilder(args);

// Something for the agent to run commands on: a disposable OpenSSH server (a container, or this machine's sshd).
var sshd = await builder.AddDisposableSshdAsync("sshd");

// The MCP server over HTTP, on McpServer:Port (the http launch profile says 3001) or a free port. Not proxied:
// through DCP's proxy the first health probe hangs while the server starts. Its environment holds no secret:
// credentials travel in ssh_open calls only.
builder.AddProject<Projects.SshMcp_Server>("server")
    .WithHttpEndpoint(port: builder.Configuration.GetValue<int?>("McpServer:Port"), env: "PORT", isProxied: false)
    .WithHttpHealthCheck("/health")
    .WithMcpEndpointUrl()
    .WaitFor(sshd);

await using var app = builder.Build();
await app.RunAsync();
