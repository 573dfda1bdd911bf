using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>The tests of <see cref="FileInterruptionTests"/> over the session's SFTP channel.</summary>
[Collection(FilesCollection.Name)]
public sealed class SftpInterruptionTests(SshdFixture sshd) : FileInterruptionTests(sshd);
