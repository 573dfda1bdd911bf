using System.Net;
using Microsoft.Extensions.Options;

namespace SshMcp.Server.Cluster;

/// <summary>Checks the cluster settings at start and names the one to fix.</summary>
internal sealed class SshMcpClusterOptionsValidator : IValidateOptions<SshMcpClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, SshMcpClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = SshMcpClusterOptions.SectionName;
        try
        {
            StackExchange.Redis.ConfigurationOptions.Parse(options.Redis ?? "");
        }
        catch (ArgumentException)
        {
            failures.Add($"{Section}:Redis is not a Redis connection string (host:port[,password=…]).");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || options.ClusterId.Any(c => char.IsWhiteSpace(c) || c == ':'))
        {
            failures.Add($"Set {Section}:ClusterId to a name without spaces or colons (now '{options.ClusterId}').");
        }

        if (options.SiloPort is < 1 or > 65535)
        {
            failures.Add($"Set {Section}:SiloPort to a TCP port, 1 to 65535 (now {options.SiloPort}).");
        }

        if (!string.IsNullOrWhiteSpace(options.AdvertisedAddress) && !IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"{Section}:AdvertisedAddress must be an IP address (now '{options.AdvertisedAddress}').");
        }

        if (options.ProbeTimeoutMs < 100)
        {
            failures.Add($"Set {Section}:ProbeTimeoutMs to at least 100 (now {options.ProbeTimeoutMs}).");
        }

        if (options.LostSessionMemoryMinutes < 1)
        {
            failures.Add($"Set {Section}:LostSessionMemoryMinutes to at least 1 (now {options.LostSessionMemoryMinutes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
