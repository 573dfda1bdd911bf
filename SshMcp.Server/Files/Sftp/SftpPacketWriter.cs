using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SshMcp.Server.Files.Sftp;

/// <summary>
/// Builds one request packet (length, type, id, fields) in a pooled buffer, so that a packet goes to the channel in
/// one write. Dispose returns the buffer.
/// </summary>
internal sealed class SftpPacketWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    /// <param name="payloadHint">The bytes of data the packet will carry besides its small fields (a write's data).</param>
    public SftpPacketWriter(byte type, uint? id, int payloadHint = 0)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(256 + payloadHint);
        _length = 4; // the length, filled in by Packet
        WriteByte(type);
        if (id is { } requestId)
        {
            WriteUInt32(requestId);
        }
    }

    /// <summary>The finished packet, valid until the writer is disposed.</summary>
    public ReadOnlyMemory<byte> Packet
    {
        get
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer, (uint)(_length - 4));
            return _buffer.AsMemory(0, _length);
        }
    }

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Reserve(8), value);

    public void WriteString(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>A path or name: SFTP v3 strings are bytes; OpenSSH takes them as the host's file names, UTF-8 here.</summary>
    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteUInt32((uint)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
