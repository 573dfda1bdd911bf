using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>The tests of <see cref="FileInterruptionTests"/> over shell tools on exec channels, as on a host without an SFTP server.</summary>
[Collection(FilesCollection.Name)]
public sealed class ExecInterruptionTests(SshdFixture sshd) : FileInterruptionTests(sshd)
{
    protected override bool OverExec => true;
}
