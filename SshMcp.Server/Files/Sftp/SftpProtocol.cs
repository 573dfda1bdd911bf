namespace SshMcp.Server.Files.Sftp;

/// <summary>Numbers of SFTP version 3 (draft-ietf-secsh-filexfer-02), the version every OpenSSH sftp-server speaks.</summary>
internal static class SftpProtocol
{
    public const uint Version = 3;

    // Packet types.
    public const byte Init = 1;
    public const byte VersionReply = 2;
    public const byte Open = 3;
    public const byte Close = 4;
    public const byte Read = 5;
    public const byte Write = 6;
    public const byte LStat = 7;
    public const byte FStat = 8;
    public const byte SetStat = 9;
    public const byte FSetStat = 10;
    public const byte Remove = 13;
    public const byte MkDir = 14;
    public const byte RealPath = 16;
    public const byte Stat = 17;
    public const byte Rename = 18;
    public const byte ReadLink = 19;
    public const byte Status = 101;
    public const byte Handle = 102;
    public const byte Data = 103;
    public const byte Name = 104;
    public const byte Attrs = 105;
    public const byte Extended = 200;
    public const byte ExtendedReply = 201;

    // Open flags.
    public const uint OpenRead = 0x01;
    public const uint OpenWrite = 0x02;
    public const uint OpenAppend = 0x04;
    public const uint OpenCreate = 0x08;
    public const uint OpenTruncate = 0x10;
    public const uint OpenExclusive = 0x20;

    // Attribute flags.
    public const uint AttrSize = 0x01;
    public const uint AttrUidGid = 0x02;
    public const uint AttrPermissions = 0x04;
    public const uint AttrTimes = 0x08;
    public const uint AttrExtended = 0x80000000;

    // OpenSSH's extensions, announced in its VERSION reply.
    public const string PosixRename = "posix-rename@openssh.com";
    public const string Fsync = "fsync@openssh.com";
    public const string Limits = "limits@openssh.com";
    public const string StatVfs = "statvfs@openssh.com";

    /// <summary>Largest packet accepted from the host; OpenSSH's own limit is 256 KiB.</summary>
    public const int MaxPacketBytes = 1024 * 1024;
}
