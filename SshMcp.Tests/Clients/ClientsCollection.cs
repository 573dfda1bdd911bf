using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Clients;

/// <summary>
/// The official clients' tests share an sshd of their own and run one at a time, beside the <see cref="SshdCollection"/>
/// rather than after it: they spend their time waiting on node processes, not on the CPU.
/// </summary>
[CollectionDefinition(Name)]
#pragma warning disable CA1711 // xunit calls these "collections"; the name follows its convention, not a .NET collection type.
public sealed class ClientsCollection : ICollectionFixture<SshdFixture>
{
    public const string Name = "clients";
}
#pragma warning restore CA1711
