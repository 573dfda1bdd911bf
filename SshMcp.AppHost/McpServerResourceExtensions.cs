using Aspire.Hosting.ApplicationModel;

namespace SshMcp.AppHost;

public static class McpServerResourceExtensions
{
    /// <summary>Shows the MCP endpoint (<c>…/mcp</c>) beside the server's base URL in the dashboard.</summary>
    public static IResourceBuilder<ProjectResource> WithMcpEndpointUrl(this IResourceBuilder<ProjectResource> server, string endpointName = "http")
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.WithUrls(context =>
        {
            if (context.Urls.FirstOrDefault(u => u.Endpoint?.EndpointName == endpointName) is { } http)
            {
                context.Urls.Add(new ResourceUrlAnnotation { Url = http.Url.TrimEnd('/') + "/mcp", DisplayText = "MCP (Streamable HTTP)", Endpoint = http.Endpoint });
            }
        });
    }
}
