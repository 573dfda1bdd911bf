namespace SshMcp.Server.Http.OAuth;

/// <summary>Checks <see cref="OAuthOptions"/> at start and names the setting to fix.</summary>
internal static class OAuthOptionsValidator
{
    public static void Validate(OAuthOptions oauth, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(oauth);
        ArgumentNullException.ThrowIfNull(failures);
        const string Section = OAuthOptions.SectionName;
        if (!oauth.Enabled)
        {
            if (!string.IsNullOrWhiteSpace(oauth.Audience) || !string.IsNullOrWhiteSpace(oauth.RequiredScope))
            {
                failures.Add($"{Section}:Audience or :RequiredScope is set but {Section}:Authority is not: set the issuer's URL too, or remove them.");
            }

            return;
        }

        if (!Uri.TryCreate(oauth.Authority, UriKind.Absolute, out var authority)
            || (authority.Scheme != Uri.UriSchemeHttps && !OAuthAuthentication.IsLoopbackHttp(authority))
            || authority.Query.Length > 0 || authority.Fragment.Length > 0 || authority.UserInfo.Length > 0)
        {
            failures.Add($"{Section}:Authority must be the issuer's https URL, e.g. https://login.example.com/realms/ops (plain http only for an issuer on loopback); it is '{oauth.Authority}'.");
        }

        if (string.IsNullOrWhiteSpace(oauth.Audience))
        {
            failures.Add($"{Section}:Audience is required with {Section}:Authority: the 'aud' value your issuer puts in tokens for this server, often its URL such as https://sshmcp.example.com/mcp.");
        }

        if (string.IsNullOrWhiteSpace(oauth.PrincipalClaim))
        {
            failures.Add($"{Section}:PrincipalClaim must name the claim that identifies a user (default sub).");
        }

        if (oauth.RequiredScope is { Length: > 0 } scope && (string.IsNullOrWhiteSpace(scope) || scope.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\\' || char.IsControl(c))))
        {
            failures.Add($"{Section}:RequiredScope must be one scope name without spaces or quotes; it is '{scope}'.");
        }
    }
}
