using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Sessions;

/// <summary>zsh as the login shell: the frame uses plain eval (zsh's <c>command</c> means "external command only").</summary>
public sealed class ZshShellTests(ZshSshd sshd) : LoginShellTests<ZshSshd>(sshd);
