namespace SshMcp.Tests.Infrastructure;

/// <summary>Test classes marked <c>[Collection(SshdCollection.Name)]</c> share one default sshd and run one at a time.</summary>
[CollectionDefinition(Name)]
#pragma warning disable CA1711 // xunit calls these "collections"; the name follows its convention, not a .NET collection type.
public sealed class SshdCollection : ICollectionFixture<SshdFixture>
{
    public const string Name = "sshd";
}
#pragma warning restore CA1711
