using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace SshMcp.Server.Http;

/// <summary>Where the HTTP transport listens: <c>PORT</c> (default 3000) on <c>SshMcp:Http:BindAddress</c>/<c>HOST</c> (default 127.0.0.1).</summary>
internal static class HttpEndpointSetup
{
    public const int DefaultPort = 3000;

    public static (IPAddress Address, int Port) Resolve(IConfiguration configuration)
    {
        var portText = configuration["PORT"];
        var port = DefaultPort;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 0 or > 65535))
        {
            throw new InvalidOperationException($"PORT must be a TCP port number (0-65535); it is '{portText}'.");
        }

        var bind = configuration["SshMcp:Http:BindAddress"] ?? configuration["HOST"] ?? "127.0.0.1";
        if (!IPAddress.TryParse(bind == "localhost" ? "127.0.0.1" : bind, out var address))
        {
            throw new InvalidOperationException($"SshMcp:Http:BindAddress (or HOST) must be an IP address such as 127.0.0.1 or 0.0.0.0; it is '{bind}'.");
        }

        return (address, port);
    }

    public static void Listen(WebApplicationBuilder builder)
    {
        var (address, port) = Resolve(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));
    }
}
