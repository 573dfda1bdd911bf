namespace SshMcp.Server.Principals;

/// <summary>The claim an authentication handler sets to name the request's <see cref="Principal"/>.</summary>
public static class PrincipalClaims
{
    public const string Type = "sshmcp:principal";
}
