using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>The tests of <see cref="FileBadInputTests"/> over shell tools on exec channels, as on a host without an SFTP server.</summary>
[Collection(FilesCollection.Name)]
public sealed class ExecBadInputTests(SshdFixture sshd) : FileBadInputTests(sshd)
{
    protected override bool OverExec => true;
}
