using SshMcp.Server.Ssh.Agent;

namespace SshMcp.Server.Files.Sftp;

/// <summary>A file's attributes as SFTP v3 carries them; each field is null when the packet did not carry it.</summary>
internal sealed record SftpAttributes
{
    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint Directory = 0x4000;
    private const uint Regular = 0x8000;
    private const uint SymbolicLink = 0xA000;

    public static readonly SftpAttributes None = new();

    public long? Size { get; init; }

    public uint? Uid { get; init; }

    public uint? Gid { get; init; }

    /// <summary>st_mode: the file type bits and the permission bits.</summary>
    public uint? Permissions { get; init; }

    public uint? AccessTime { get; init; }

    /// <summary>Seconds since the Unix epoch.</summary>
    public uint? ModifyTime { get; init; }

    public bool IsDirectory => (Permissions & TypeMask) == Directory;

    public bool IsRegularFile => (Permissions & TypeMask) == Regular;

    public bool IsSymbolicLink => (Permissions & TypeMask) == SymbolicLink;

    internal void WriteTo(SftpPacketWriter writer)
    {
        var flags = (Size is null ? 0 : SftpProtocol.AttrSize)
            | (Uid is null || Gid is null ? 0 : SftpProtocol.AttrUidGid)
            | (Permissions is null ? 0 : SftpProtocol.AttrPermissions)
            | (AccessTime is null || ModifyTime is null ? 0 : SftpProtocol.AttrTimes);
        writer.WriteUInt32(flags);
        if (Size is { } size)
        {
            writer.WriteUInt64((ulong)size);
        }

        if (Uid is { } uid && Gid is { } gid)
        {
            writer.WriteUInt32(uid);
            writer.WriteUInt32(gid);
        }

        if (Permissions is { } permissions)
        {
            writer.WriteUInt32(permissions);
        }

        if (AccessTime is { } atime && ModifyTime is { } mtime)
        {
            writer.WriteUInt32(atime);
            writer.WriteUInt32(mtime);
        }
    }

    internal static SftpAttributes ReadFrom(ref SshWireReader reader)
    {
        var flags = reader.ReadUInt32();
        var attributes = new SftpAttributes();
        if ((flags & SftpProtocol.AttrSize) != 0)
        {
            attributes = attributes with { Size = (long)reader.ReadUInt64() };
        }

        if ((flags & SftpProtocol.AttrUidGid) != 0)
        {
            attributes = attributes with { Uid = reader.ReadUInt32(), Gid = reader.ReadUInt32() };
        }

        if ((flags & SftpProtocol.AttrPermissions) != 0)
        {
            attributes = attributes with { Permissions = reader.ReadUInt32() };
        }

        if ((flags & SftpProtocol.AttrTimes) != 0)
        {
            attributes = attributes with { AccessTime = reader.ReadUInt32(), ModifyTime = reader.ReadUInt32() };
        }

        if ((flags & SftpProtocol.AttrExtended) != 0)
        {
            var count = reader.ReadUInt32();
            for (var i = 0; i < count; i++)
            {
                _ = reader.ReadString();
                _ = reader.ReadString();
            }
        }

        return attributes;
    }
}
