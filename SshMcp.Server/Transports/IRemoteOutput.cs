namespace SshMcp.Server.Transports;

/// <summary>
/// Receives a running command's output as it arrives. Called from the transport's reader, one call at a time per
/// stream (the two streams may be delivered concurrently); <paramref name="data"/> is valid only during the call.
/// </summary>
internal interface IRemoteOutput
{
    void OnData(RemoteStream stream, ReadOnlySpan<byte> data);

    /// <summary>The stream reached its end (the command closed it, exited, or the connection dropped).</summary>
    void OnClosed(RemoteStream stream);
}
