using System.Net;
using Microsoft.Extensions.Options;
using SshMcp.Server.Http;

namespace SshMcp.Server.Targets;

/// <summary>
/// Refuses to start with an entry that does not parse, and (over HTTP) with a
/// bind beyond loopback but no allow list: whoever holds a token could otherwise reach every host and port the
/// server's network can.
/// </summary>
internal sealed class TargetAllowListValidator(IOptions<SshMcpHttpOptions> http) : IValidateOptions<TargetAllowListOptions>
{
    public ValidateOptionsResult Validate(string? name, TargetAllowListOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options.Global ?? [], TargetAllowList.GlobalSetting, failures);
        foreach (var (principal, entries) in options.ByPrincipal)
        {
            Check(entries, $"{TargetAllowList.PerPrincipalSetting}:{principal}", failures);
        }

        if (!options.IsConfigured && http?.Value is { } bound
            && HttpEndpointSetup.TryParseBindAddress(bound.BindAddress, out var address) && !IPAddress.IsLoopback(address))
        {
            failures.Add(
                $"Refusing to listen on {bound.BindAddress} without {TargetAllowList.GlobalSetting}: every client could make this server connect to any host and port it can reach. " +
                $"Set {TargetAllowList.GlobalSetting} to the hosts clients may use, e.g. \"*.prod.example.com:22; 10.0.0.0/8:22\" " +
                $"(or \"*\" to allow every target on purpose), or listen on loopback only.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(IEnumerable<string> entries, string setting, List<string> failures)
    {
        foreach (var entry in entries)
        {
            if (!TargetPattern.TryParse(entry, out _, out var error))
            {
                failures.Add($"{setting}: {error}");
            }
        }
    }
}
