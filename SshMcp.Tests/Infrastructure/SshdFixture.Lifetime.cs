namespace SshMcp.Tests.Infrastructure;

/// <summary>xunit starts and stops the fixture through its public InitializeAsync and DisposeAsync.</summary>
public partial class SshdFixture : IAsyncLifetime;
