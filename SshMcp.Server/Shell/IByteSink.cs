namespace SshMcp.Server.Shell;

/// <summary>Takes a command's output, one stream, as <see cref="FramedStream"/> cuts it out of the channel.</summary>
internal interface IByteSink
{
    void Write(ReadOnlySpan<byte> data);
}
