using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>The tests of <see cref="FileBehaviourTests"/> over the session's SFTP channel.</summary>
[Collection(FilesCollection.Name)]
public sealed class SftpFileBehaviourTests(SshdFixture sshd) : FileBehaviourTests(sshd);
