namespace SshMcp.Tests.Infrastructure;

/// <summary>A fresh server (real tools, real MCP client) per test; each test opens its session on the transport it runs on.</summary>
public abstract class SessionTestBase(SshdFixture sshd) : IAsyncLifetime
{
    protected SshdFixture Sshd => sshd;

    protected McpServerHarness Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await McpServerHarness.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Opens a session on the shared sshd through <paramref name="transport"/> and returns its id.</summary>
    protected async Task<string> OpenAsync(string transport) => (await Server.OpenAsync(sshd, transport)).SessionId;
}
