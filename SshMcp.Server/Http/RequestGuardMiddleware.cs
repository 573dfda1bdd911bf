using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Elicitation;

namespace SshMcp.Server.Http;

/// <summary>
/// Refuses, before authentication and before MCP reads anything, a request whose <c>Host</c> is not an allowed
/// name (421: DNS rebinding), whose <c>Origin</c> is present and not allowed (403: a web page), or whose body is
/// larger than allowed (413; a chunked body that grows past the limit is cut by Kestrel and answered the same way).
/// The health probes are exempt: they answer anyone and reveal nothing.
/// </summary>
internal sealed class RequestGuardMiddleware
{
    private static readonly PathString[] ProbePaths = ["/health", "/alive"];
    private const int MaxLoggedLength = 100;

    private readonly RequestDelegate _next;
    private readonly HostAllowList _hosts;
    private readonly OriginAllowList _origins;
    private readonly long _maxBodyBytes;
    private readonly string? _pageOrigin;
    private readonly ILogger _logger;

    public RequestGuardMiddleware(RequestDelegate next, IOptions<SshMcpHttpOptions> options, IOptions<ElicitationOptions> elicitation, ILogger<RequestGuardMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(elicitation);
        _pageOrigin = elicitation.Value.PublicOrigin;
        _next = next;
        _hosts = new HostAllowList(options.Value.AllowedHosts);
        _origins = new OriginAllowList(
            options.Value.AllowedOrigins,
            allowLoopback: HttpEndpointSetup.TryParseBindAddress(options.Value.BindAddress, out var bound) && IPAddress.IsLoopback(bound));
        _maxBodyBytes = options.Value.MaxRequestBodyBytes;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && ProbePaths.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            await _next(context);
            return;
        }

        if (!_hosts.Allows(request.Host.Host))
        {
            HttpLog.HostRefused(_logger, Shorten(request.Host.Value), request.Path);
            await HttpErrorResponse.WriteAsync(context, StatusCodes.Status421MisdirectedRequest,
                $"Misdirected Request: this server does not answer to that Host name. If it is the name clients use, add it to {SshMcpHttpOptions.SectionName}:AllowedHosts.");
            return;
        }

        var origins = request.Headers.Origin;
        if (origins.Count > 1 || (origins.Count == 1 && !_origins.Allows(origins.ToString()) && !IsSecretPageOwnPost(request, origins.ToString())))
        {
            HttpLog.OriginRefused(_logger, Shorten(origins.ToString()), request.Path);
            await HttpErrorResponse.WriteAsync(context, StatusCodes.Status403Forbidden,
                $"Forbidden: requests from this web page's origin are refused. To allow a browser-based client, add its origin to {SshMcpHttpOptions.SectionName}:AllowedOrigins.");
            return;
        }

        if (request.ContentLength > _maxBodyBytes)
        {
            await RefuseTooLargeAsync(context, request.ContentLength.Value);
            return;
        }

        try
        {
            await _next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await RefuseTooLargeAsync(context, null);
        }
    }

    /// <summary>The secret page's form, posted from the page itself at the configured public address.</summary>
    private bool IsSecretPageOwnPost(HttpRequest request, string origin) =>
        _pageOrigin is not null
        && request.Path.StartsWithSegments(SecretPageEndpoints.PathPrefix.TrimEnd('/'), StringComparison.Ordinal)
        && string.Equals(origin, _pageOrigin, StringComparison.OrdinalIgnoreCase);

    private Task RefuseTooLargeAsync(HttpContext context, long? length)
    {
        HttpLog.BodyTooLarge(_logger, length, _maxBodyBytes, context.Request.Path);
        return HttpErrorResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
            $"Payload Too Large: the request body is larger than the {_maxBodyBytes} bytes this server accepts ({SshMcpHttpOptions.SectionName}:MaxRequestBodyBytes). Send a shorter command or upload large content in parts.");
    }

    private static string Shorten(string? value) =>
        value is null ? "" : value.Length <= MaxLoggedLength ? value : value[..MaxLoggedLength] + "…";
}
