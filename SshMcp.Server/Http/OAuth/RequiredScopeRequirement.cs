using Microsoft.AspNetCore.Authorization;

namespace SshMcp.Server.Http.OAuth;

/// <summary>Part of the <c>/mcp</c> policy: an OAuth principal must hold <see cref="OAuthOptions.RequiredScope"/> (see <see cref="RequiredScopeHandler"/>).</summary>
internal sealed class RequiredScopeRequirement : IAuthorizationRequirement;
