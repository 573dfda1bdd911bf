using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>
/// The file tools' tests share an sshd of their own and run one at a time, beside the <see cref="SshdCollection"/>
/// rather than after it: each works in fresh directories of its own, and they wait on the network more than the CPU.
/// </summary>
[CollectionDefinition(Name)]
#pragma warning disable CA1711 // xunit calls these "collections"; the name follows its convention, not a .NET collection type.
public sealed class FilesCollection : ICollectionFixture<SshdFixture>
{
    public const string Name = "files";
}
#pragma warning restore CA1711
