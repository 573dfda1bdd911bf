namespace SshMcp.Tests.Infrastructure;

/// <summary>A fresh server (real tools, real MCP client) and one open session on the shared sshd, per test.</summary>
public abstract class SessionTestBase(SshdFixture sshd) : IAsyncLifetime
{
    protected SshdFixture Sshd => sshd;

    protected McpServerHarness Server { get; private set; } = null!;

    protected string Session { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await McpServerHarness.StartAsync();
        Session = (await Server.OpenAsync(sshd)).SessionId;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
