namespace SshMcp.Server.Elicitation;

/// <summary>Where the secret page is served: the HTTP server itself, or over stdio a loopback listener of its own.</summary>
internal interface ISecretPageHost
{
    /// <summary>
    /// Whether the person behind the current tool call could open the page: false for an HTTP client on another
    /// machine when no public URL is configured (the page answers loopback peers only). Starts nothing.
    /// </summary>
    bool CanServeCurrentCaller { get; }

    /// <summary>The page's base address for the current call, starting a listener if one is needed.</summary>
    ValueTask<Uri> BaseAddressAsync(CancellationToken cancellationToken);
}
