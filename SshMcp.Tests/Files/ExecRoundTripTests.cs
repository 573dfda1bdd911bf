using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>The tests of <see cref="FileRoundTripTests"/> over shell tools on exec channels, as on a host without an SFTP server.</summary>
[Collection(FilesCollection.Name)]
public sealed class ExecRoundTripTests(SshdFixture sshd) : FileRoundTripTests(sshd)
{
    protected override bool OverExec => true;
}
