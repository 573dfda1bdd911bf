namespace SshMcp.Server.Elicitation;

/// <summary>
/// Settings under <c>SshMcp:Elicitation</c>: asking a person for a secret the call did not give, through a page this
/// server serves (MCP URL-mode elicitation). Every default is listed in the README.
/// </summary>
public sealed class ElicitationOptions
{
    public const string SectionName = "SshMcp:Elicitation";

    /// <summary>Ask clients that declare URL-mode elicitation for missing secrets; false keeps the errors of old.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a person has to answer one prompt; the connect deadline stands still meanwhile.</summary>
    public int TimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// The address a person's browser reaches this server's page at (<c>https://ssh-mcp.example.com</c>), for an HTTP
    /// server beyond loopback or behind a proxy; the page then answers any peer. Unset: the page answers loopback
    /// peers only, on the HTTP server's own address, or over stdio on a loopback listener of its own.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Over stdio, the port of the page's loopback listener; 0 picks a free one each time it starts.</summary>
    public int ListenerPort { get; set; }

    /// <summary>Over stdio, the listener stops once no prompt has been open for this long.</summary>
    public int IdleSeconds { get; set; } = 60;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan Idle => TimeSpan.FromSeconds(IdleSeconds);

    /// <summary>The origin (<c>scheme://host:port</c>) of <see cref="PublicUrl"/>, or null.</summary>
    public string? PublicOrigin =>
        Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Authority) : null;
}
