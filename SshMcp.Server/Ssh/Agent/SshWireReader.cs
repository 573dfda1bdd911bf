using System.Buffers.Binary;
using System.Text;

namespace SshMcp.Server.Ssh.Agent;

/// <summary>
/// Reads the SSH wire encoding (RFC 4251 §5: big-endian uint32, length-prefixed strings) from a buffer, refusing any
/// length that runs past its end.
/// </summary>
internal ref struct SshWireReader(ReadOnlySpan<byte> buffer)
{
    private ReadOnlySpan<byte> _rest = buffer;

    public readonly bool AtEnd => _rest.IsEmpty;

    public byte ReadByte()
    {
        Need(1);
        var value = _rest[0];
        _rest = _rest[1..];
        return value;
    }

    public uint ReadUInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_rest);
        _rest = _rest[4..];
        return value;
    }

    public ulong ReadUInt64()
    {
        Need(8);
        var value = BinaryPrimitives.ReadUInt64BigEndian(_rest);
        _rest = _rest[8..];
        return value;
    }

    public ReadOnlySpan<byte> ReadString()
    {
        var length = ReadUInt32();
        Need(length);
        var value = _rest[..(int)length];
        _rest = _rest[(int)length..];
        return value;
    }

    public string ReadText() => Encoding.UTF8.GetString(ReadString());

    private readonly void Need(uint count)
    {
        if (count > (uint)_rest.Length)
        {
            throw new FormatException("An SSH wire field runs past the end of its message.");
        }
    }
}
