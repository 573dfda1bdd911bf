namespace SshMcp.Server.Shell;

/// <summary>Writes to two sinks: the bounded capture a result shows, and the spool that keeps everything.</summary>
internal sealed class TeeSink(IByteSink first, IByteSink second) : IByteSink
{
    public void Write(ReadOnlySpan<byte> data)
    {
        first.Write(data);
        second.Write(data);
    }
}
