namespace SshMcp.Tests.Clients;

/// <summary>Makes sure clients/node_modules is installed (npm ci) before a test class that runs a TypeScript client.</summary>
public sealed class NodeClientsFixture : IAsyncLifetime
{
    public Task InitializeAsync() => NodeClients.EnsureInstalledAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
