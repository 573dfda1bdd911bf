using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>The tests of <see cref="FileRoundTripTests"/> over the session's SFTP channel.</summary>
[Collection(FilesCollection.Name)]
public sealed class SftpRoundTripTests(SshdFixture sshd) : FileRoundTripTests(sshd);
