namespace SshMcp.Tests.Cluster;

/// <summary>Cluster test classes share one <see cref="ClusterFixture"/> (three replicas, a Redis, an sshd) and run one at a time.</summary>
[CollectionDefinition(Name)]
#pragma warning disable CA1711 // xunit calls these "collections"; the name follows its convention, not a .NET collection type.
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
#pragma warning restore CA1711
