using System.Net;
using System.Text.RegularExpressions;

namespace SshMcp.Tests.Elicitation;

/// <summary>
/// The person at the browser, for tests: opens the secret page, reads it, and sends its form as a browser sends a
/// form from the page itself (same origin). One HttpClient without cookies or redirects, like a fresh tab.
/// </summary>
internal static partial class SecretPageVisitor
{
    private static readonly HttpClient Browser = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> OpenAsync(Uri page)
    {
        var response = await Browser.GetAsync(page);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <param name="origin">The Origin a browser would send; the page's own unless a test says otherwise.</param>
    public static async Task<HttpStatusCode> SendAsync(Uri page, string secret, string action = "send", string? origin = null, string? fetchSite = "same-origin")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, page)
        {
            Content = new FormUrlEncodedContent([new("secret", secret), new("action", action)]),
        };
        request.Headers.Add("Origin", origin ?? page.GetLeftPart(UriPartial.Authority));
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await Browser.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The page's words without markup, as a person reads them.</summary>
    public static string Text(string html) =>
        WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(Styles().Replace(html, " "), " "), " ")).Trim();

    [GeneratedRegex("<style[^>]*>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex Styles();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
