using Orleans;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// Where an interactive <c>ssh_open</c> stands after a round trip: the session it opened, or the question the client
/// must show next. Plain data, so that in cluster mode the replica holding the attempt can answer a retry that reached
/// another replica.
/// </summary>
[GenerateSerializer]
internal sealed record OpenStep(string AttemptId, SessionSnapshot? Session, OpenQuestion? Question);
