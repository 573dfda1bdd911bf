using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// The page on the HTTP server itself, at <see cref="ElicitationOptions.PublicUrl"/>, or else at the address the
/// current MCP request came in on (a Host the server answers to), for a client on this machine.
/// </summary>
internal sealed class HttpSecretPageHost(IHttpContextAccessor http, IOptions<ElicitationOptions> options) : ISecretPageHost
{
    public bool CanServeCurrentCaller =>
        options.Value.PublicOrigin is not null
        || (http.HttpContext?.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer));

    public ValueTask<Uri> BaseAddressAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PublicUrl is { Length: > 0 } configured)
        {
            return ValueTask.FromResult(new Uri(configured));
        }

        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("No HTTP request to take the page's address from.");
        return ValueTask.FromResult(new Uri($"{request.Scheme}://{request.Host}/"));
    }
}
