using System.Net;
using Microsoft.Extensions.Options;
using SshMcp.Server.Http.OAuth;

namespace SshMcp.Server.Http;

/// <summary>
/// Checks the HTTP settings at start and names the one to fix. Above all it refuses to listen beyond loopback
/// without a token or OAuth: that would let anyone who reaches the port run commands on every host the server can log in to.
/// Messages never contain the token.
/// </summary>
internal sealed class SshMcpHttpOptionsValidator : IValidateOptions<SshMcpHttpOptions>
{
    public const int MinTokenLength = 16;
    public const long MinRequestBodyBytes = 64 * 1024;

    public ValidateOptionsResult Validate(string? name, SshMcpHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = SshMcpHttpOptions.SectionName;

        if (options.Port is < 0 or > 65535)
        {
            failures.Add("PORT must be a TCP port number from 0 to 65535.");
        }

        if (!HttpEndpointSetup.TryParseBindAddress(options.BindAddress, out var address))
        {
            failures.Add($"{Section}:BindAddress (or HOST) must be an IP address such as 127.0.0.1 or 0.0.0.0, or localhost; it is '{options.BindAddress}'.");
        }
        else if (!IPAddress.IsLoopback(address) && !options.RequiresAuthentication)
        {
            failures.Add(
                $"Refusing to listen on {options.BindAddress} without a bearer token: anyone who can reach it could run commands on your SSH hosts. " +
                $"Set SSHMCP_AUTH_TOKEN (or {Section}:AuthToken) to a long random secret (e.g. the output of `openssl rand -hex 32`), " +
                $"or {OAuthOptions.SectionName}:Authority and :Audience to accept your identity provider's tokens, " +
                $"or listen on loopback only with {Section}:BindAddress=127.0.0.1 (or HOST=127.0.0.1).");
        }

        OAuthOptionsValidator.Validate(options.OAuth, failures);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tokenName, token) in options.NamedTokens())
        {
            var setting = ReferenceEquals(token, options.AuthToken) ? $"SSHMCP_AUTH_TOKEN ({Section}:AuthToken)" : $"{Section}:Tokens:{tokenName}";
            if (tokenName.Length == 0 || tokenName.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                failures.Add($"{Section}:Tokens has an entry whose name is empty or has spaces: name each token after its user, e.g. {Section}:Tokens:alice.");
            }

            if (token.Length < MinTokenLength)
            {
                failures.Add($"{setting} is too short: use at least {MinTokenLength} characters, e.g. the output of `openssl rand -hex 32`.");
            }

            if (token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c > '\x7e'))
            {
                failures.Add($"{setting} must be printable ASCII without spaces, as an HTTP header carries it.");
            }

            if (!seen.Add(token))
            {
                failures.Add($"{setting} is the same token as another one: give every user a token of their own.");
            }
        }

        var hosts = AllowList.Split(options.AllowedHosts);
        if (hosts.Count == 0)
        {
            failures.Add($"{Section}:AllowedHosts is empty, so every request would be refused. List the host names clients use (default: {SshMcpHttpOptions.LoopbackHosts}), or * behind a proxy that checks Host.");
        }

        foreach (var origin in AllowList.Split(options.AllowedOrigins))
        {
            if (origin != "*" && !OriginAllowList.TryNormalize(origin, out _))
            {
                failures.Add($"{Section}:AllowedOrigins entry '{origin}' is not an origin: write scheme://host[:port], e.g. https://app.example.com, without a path.");
            }
        }

        if (options.MaxRequestBodyBytes < MinRequestBodyBytes)
        {
            failures.Add($"Set {Section}:MaxRequestBodyBytes to at least {MinRequestBodyBytes} (now {options.MaxRequestBodyBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
