namespace SshMcp.Tests.Ssh.Routes;

/// <summary>Route test classes share one <see cref="RouteFixture"/> (three sshds, a CA, an agent) and run one at a time.</summary>
[CollectionDefinition(Name)]
#pragma warning disable CA1711 // xunit calls these "collections"; the name follows its convention, not a .NET collection type.
public sealed class RouteCollection : ICollectionFixture<RouteFixture>
{
    public const string Name = "routes";
}
#pragma warning restore CA1711
