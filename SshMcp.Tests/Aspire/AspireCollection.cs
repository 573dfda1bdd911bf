namespace SshMcp.Tests.Aspire;

/// <summary>
/// The Aspire tests run one at a time: DistributedApplicationTestingBuilder hooks the AppHost's entry point through
/// process-wide state, and each started app model runs DCP and several processes on a 2-core machine.
/// </summary>
[CollectionDefinition(Name)]
#pragma warning disable CA1711 // xunit calls these "collections"; the name follows its convention, not a .NET collection type.
public sealed class AspireCollection
{
    public const string Name = "aspire";
}
#pragma warning restore CA1711
