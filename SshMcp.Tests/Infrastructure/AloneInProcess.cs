namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// Test classes marked <c>[Collection(AloneInProcess.Name)]</c> run after every parallel collection, one at a time:
/// for tests that measure the whole test process (its managed heap), where a neighbour's allocations read as a leak.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInProcess
{
    public const string Name = "alone-in-process";
}
