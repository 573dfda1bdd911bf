using SshMcp.Server.Options;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Files;

/// <summary>What a backend needs of its session: the connection, whom the host sees (for messages), and the settings.</summary>
/// <param name="User">The login user, named in permission errors.</param>
/// <param name="Target">user@host:port, named when the connection is lost.</param>
internal sealed record FileContext(ISshConnection Connection, string User, string Target, FilesOptions Options);
