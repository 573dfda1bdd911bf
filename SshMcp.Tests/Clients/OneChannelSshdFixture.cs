using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Clients;

/// <summary>An sshd that allows one channel per connection, so a stop (which needs a second channel) stays unconfirmed.</summary>
public sealed class OneChannelSshdFixture() : SshdFixture(new SshdOptions { MaxSessions = 1 });
