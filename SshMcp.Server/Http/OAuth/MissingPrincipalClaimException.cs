namespace SshMcp.Server.Http.OAuth;

/// <summary>A valid JWT that does not carry the claim naming its principal (<see cref="OAuthOptions.PrincipalClaim"/>).</summary>
public sealed class MissingPrincipalClaimException : Exception
{
    public MissingPrincipalClaimException()
        : base("The access token has no principal claim.")
    {
    }

    public MissingPrincipalClaimException(string message)
        : base(message)
    {
    }

    public MissingPrincipalClaimException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
