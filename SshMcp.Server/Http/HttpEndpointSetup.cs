using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace SshMcp.Server.Http;

/// <summary>
/// Where and how Kestrel listens: <see cref="SshMcpHttpOptions.Port"/> (<c>PORT</c>, default 3000) on
/// <see cref="SshMcpHttpOptions.BindAddress"/> (default 127.0.0.1), with the body size limit and no
/// <c>Server</c> header.
/// </summary>
internal sealed class HttpEndpointSetup(IOptions<SshMcpHttpOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public const int DefaultPort = 3000;

    public void Configure(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var http = options.Value;
        if (!TryParseBindAddress(http.BindAddress, out var address))
        {
            // The validator reports this at start with the setting's name; this only guards direct use.
            throw new InvalidOperationException($"{SshMcpHttpOptions.SectionName}:BindAddress is not an IP address.");
        }

        kestrel.Listen(address, http.Port);
        kestrel.Limits.MaxRequestBodySize = http.MaxRequestBodyBytes;
        kestrel.AddServerHeader = false;
    }

    public static bool TryParseBindAddress(string? value, [NotNullWhen(true)] out IPAddress? address)
    {
        if (string.Equals(value?.Trim(), "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }

        return IPAddress.TryParse(value?.Trim() ?? "", out address);
    }
}
