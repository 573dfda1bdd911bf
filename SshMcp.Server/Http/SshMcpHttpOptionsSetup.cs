using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SshMcp.Server.Http;

/// <summary>
/// Fills <see cref="SshMcpHttpOptions"/> from the short variables an operator types or a container platform sets:
/// <c>PORT</c>, <c>HOST</c> (when <c>SshMcp:Http:BindAddress</c> is absent) and <c>SSHMCP_AUTH_TOKEN</c> (when
/// <c>SshMcp:Http:AuthToken</c> is absent). Runs after binding the section.
/// </summary>
internal sealed class SshMcpHttpOptionsSetup(IConfiguration configuration) : IPostConfigureOptions<SshMcpHttpOptions>
{
    /// <summary>Marks a PORT value that is not a port number, for the validator to name.</summary>
    public const int InvalidPort = -1;

    public const string DefaultBindAddress = "127.0.0.1";

    public void PostConfigure(string? name, SshMcpHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = configuration.GetSection(SshMcpHttpOptions.SectionName);

        var port = configuration["PORT"];
        if (!string.IsNullOrWhiteSpace(port))
        {
            options.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed <= 65535
                ? parsed
                : InvalidPort;
        }

        if (string.IsNullOrWhiteSpace(section[nameof(SshMcpHttpOptions.BindAddress)]))
        {
            options.BindAddress = configuration["HOST"] is { Length: > 0 } host ? host.Trim() : DefaultBindAddress;
        }

        if (string.IsNullOrEmpty(options.AuthToken))
        {
            options.AuthToken = configuration["SSHMCP_AUTH_TOKEN"];
        }

        // An empty variable means "no token", not "the empty token".
        if (string.IsNullOrEmpty(options.AuthToken))
        {
            options.AuthToken = null;
        }
    }
}
