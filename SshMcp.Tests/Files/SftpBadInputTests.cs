using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>The tests of <see cref="FileBadInputTests"/> over the session's SFTP channel.</summary>
[Collection(FilesCollection.Name)]
public sealed class SftpBadInputTests(SshdFixture sshd) : FileBadInputTests(sshd);
