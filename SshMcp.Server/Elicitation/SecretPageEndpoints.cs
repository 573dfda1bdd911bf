using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// The page a person types a secret into: <c>GET /secret/{id}</c> shows the login and the prompt, <c>POST</c> takes
/// the answer (or a cancel) once. The id is the capability, so no token is needed; the form is safe from other sites
/// because a browser's post must come from the page's own origin. Without a public URL only loopback peers, under a
/// loopback host name, are answered; every response is uncached and sends no referrer.
/// </summary>
internal sealed class SecretPageEndpoints(SecretInbox inbox, IOptions<ElicitationOptions> options, ILogger<SecretPageEndpoints> logger)
{
    public const string PathPrefix = "/secret/";
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>The page's address for <paramref name="pending"/> under <paramref name="baseAddress"/>.</summary>
    public static Uri PageUrl(Uri baseAddress, PendingSecret pending)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(pending);
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        return new Uri(root, PathPrefix.TrimStart('/') + pending.Id);
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet(PathPrefix + "{id}", (HttpContext context, string id) => ShowAsync(context, id));
        routes.MapPost(PathPrefix + "{id}", (HttpContext context, string id) => AnswerAsync(context, id));
    }

    private async Task ShowAsync(HttpContext context, string id)
    {
        if (!Admit(context))
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, SecretPageHtml.NotFound());
            return;
        }

        if (inbox.Find(id) is not { } pending)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, SecretPageHtml.NotFound());
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, SecretPageHtml.Form(pending));
    }

    private async Task AnswerAsync(HttpContext context, string id)
    {
        if (!Admit(context))
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, SecretPageHtml.NotFound());
            return;
        }

        if (!FromOwnPage(context.Request))
        {
            ElicitationLog.PageRefused(logger, "POST", Peer(context), "not sent from the page's own origin");
            await WriteAsync(context, StatusCodes.Status403Forbidden, SecretPageHtml.Refused("This form can only be sent from its own page."));
            return;
        }

        if (!context.Request.HasFormContentType || context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, SecretPageHtml.Refused("Send the form as the page does."));
            return;
        }

        using var form = await ReadFormAsync(context);
        if (form is null)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, SecretPageHtml.Refused("That is too long."));
            return;
        }

        if (inbox.Find(id) is not { } shown)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, SecretPageHtml.NotFound());
            return;
        }

        var cancel = string.Equals(form.Action, SecretForm.CancelAction, StringComparison.Ordinal);
        if (!cancel && form.Secret is null)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, SecretPageHtml.Form(shown, $"Type the {shown.Prompt.What}, or cancel the login."));
            return;
        }

        if (inbox.Take(id) is not { } pending)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, SecretPageHtml.NotFound());
            return;
        }

        if (cancel)
        {
            pending.TryRefuse(Failures.SecretDeclined(pending.Prompt));
            ElicitationLog.CancelledOnPage(logger, pending.ElicitationId);
            await WriteAsync(context, StatusCodes.Status200OK, SecretPageHtml.Cancelled());
            return;
        }

        var answered = pending.TryAnswer(form.TakeSecret()!);
        if (answered)
        {
            ElicitationLog.Answered(logger, pending.ElicitationId);
        }

        await WriteAsync(context, answered ? StatusCodes.Status200OK : StatusCodes.Status404NotFound, answered ? SecretPageHtml.Sent() : SecretPageHtml.NotFound());
    }

    /// <summary>
    /// Without a public URL the page is for the person at this machine: a loopback peer that names the server by a
    /// loopback host name (a page elsewhere that rebound its DNS name to 127.0.0.1 says its own name). Others get the
    /// same 404 as an unknown id.
    /// </summary>
    private bool Admit(HttpContext context)
    {
        SetHeaders(context.Response);
        if (options.Value.PublicOrigin is not null)
        {
            return true;
        }

        var peer = context.Connection.RemoteIpAddress;
        if (peer is not null && IPAddress.IsLoopback(peer) && LoopbackHosts.Contains(context.Request.Host.Host, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        ElicitationLog.PageRefused(logger, context.Request.Method, Peer(context), "not a loopback peer under a loopback host name");
        return false;
    }

    /// <summary>A browser says where a post comes from: it must be this page's origin. Clients that are not browsers send neither header.</summary>
    private bool FromOwnPage(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            || string.Equals(origin, options.Value.PublicOrigin, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The body into a buffer of ours, zeroed after parsing; null when it is longer than a form needs.</summary>
    private static async Task<SecretForm?> ReadFormAsync(HttpContext context)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(MaxBodyBytes + 1, pinned: true);
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
            {
                length += read;
            }

            return length > MaxBodyBytes ? null : SecretForm.Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static void SetHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-store, max-age=0";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    private static Task WriteAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    private static string Peer(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
