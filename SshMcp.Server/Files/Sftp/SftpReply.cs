using System.Buffers;
using System.Buffers.Binary;
using SshMcp.Server.Ssh.Agent;

namespace SshMcp.Server.Files.Sftp;

/// <summary>One packet received from the host, in a pooled buffer that <see cref="Dispose"/> returns.</summary>
internal sealed class SftpReply : IDisposable
{
    private byte[] _buffer;

    /// <param name="buffer">Rented; holds the type byte, the request id (except in VERSION) and the fields.</param>
    public SftpReply(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public byte Type => _buffer[0];

    /// <summary>The whole packet after its length: type, id, fields.</summary>
    public ReadOnlyMemory<byte> Body => _buffer.AsMemory(0, Length);

    public int Length { get; }

    /// <summary>The request id; VERSION has none.</summary>
    public uint Id => Type == SftpProtocol.VersionReply ? 0 : BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(1, 4));

    /// <summary>A reader over the fields after the type and the id.</summary>
    public SshWireReader Fields() => new(_buffer.AsSpan(Type == SftpProtocol.VersionReply ? 1 : 5, Length - (Type == SftpProtocol.VersionReply ? 1 : 5)));

    /// <summary>
    /// Returns when this is a packet of type <paramref name="type"/> (a status OK when <paramref name="type"/> is
    /// STATUS); throws <see cref="SftpStatusException"/> for an error status, and a protocol error for anything else.
    /// </summary>
    public void Expect(byte type)
    {
        if (Type == SftpProtocol.Status)
        {
            var fields = Fields();
            var code = (SftpStatusCode)fields.ReadUInt32();
            if (code == SftpStatusCode.Ok && type == SftpProtocol.Status)
            {
                return;
            }

            throw new SftpStatusException(code, fields.AtEnd ? "" : fields.ReadText());
        }

        if (Type != type)
        {
            throw new FormatException($"expected SFTP packet type {type}, got {Type}");
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
