namespace SshMcp.Server.Files;

/// <summary>The data source gave fewer or more bytes than it had when the write began (a local file that changed).</summary>
internal sealed class LocalSourceChangedException() : Exception("the source changed size during the write");
