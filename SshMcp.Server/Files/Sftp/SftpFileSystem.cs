namespace SshMcp.Server.Files.Sftp;

/// <summary>
/// The SFTP operations the file tools use, typed, over one <see cref="SftpChannel"/>. Paths are the host's; errors
/// come as <see cref="SftpStatusException"/> (the host said no) or <see cref="SftpChannelClosedException"/>.
/// </summary>
internal sealed class SftpFileSystem(SftpChannel channel) : IDisposable
{
    /// <summary>What a read or write request may carry when the server does not say (every SFTP server takes 32 KiB).</summary>
    private const int SafeChunkBytes = 32 * 1024;

    /// <summary>Larger requests cost fewer round trips; OpenSSH takes up to 255 KiB.</summary>
    private const int PreferredChunkBytes = 128 * 1024;

    public SftpChannel Channel => channel;

    public bool HasPosixRename => channel.Extensions.ContainsKey(SftpProtocol.PosixRename);

    public bool HasFsync => channel.Extensions.ContainsKey(SftpProtocol.Fsync);

    public bool HasStatVfs => channel.Extensions.ContainsKey(SftpProtocol.StatVfs);

    /// <summary>The largest read and write request this server takes, as its limits extension says, up to a preferred size.</summary>
    public (int Read, int Write) ChunkBytes { get; private set; } = (SafeChunkBytes, SafeChunkBytes);

    /// <summary>Asks the server for its limits where it can tell them.</summary>
    public async Task LearnLimitsAsync(CancellationToken cancellationToken)
    {
        if (!channel.Extensions.ContainsKey(SftpProtocol.Limits))
        {
            return;
        }

        using var reply = await ExtendedAsync(SftpProtocol.Limits, null, cancellationToken);
        reply.Expect(SftpProtocol.ExtendedReply);
        var fields = reply.Fields();
        var maxPacket = fields.ReadUInt64();
        var maxRead = fields.ReadUInt64();
        var maxWrite = fields.ReadUInt64();
        var packetRoom = maxPacket is 0 ? ulong.MaxValue : maxPacket - 1024; // a write's handle and offsets ride along
        ChunkBytes = (Chunk(Math.Min(maxRead, packetRoom)), Chunk(Math.Min(maxWrite, packetRoom)));
    }

    public async Task<byte[]> OpenAsync(string path, uint flags, SftpAttributes attributes, CancellationToken cancellationToken)
    {
        var id = channel.NextId();
        using var packet = new SftpPacketWriter(SftpProtocol.Open, id);
        packet.WriteString(path);
        packet.WriteUInt32(flags);
        attributes.WriteTo(packet);
        using var reply = await channel.CallAsync(id, packet, cancellationToken);
        reply.Expect(SftpProtocol.Handle);
        return reply.Fields().ReadString().ToArray();
    }

    public Task CloseAsync(byte[] handle, CancellationToken cancellationToken) =>
        StatusAsync(SftpProtocol.Close, p => p.WriteString(handle), cancellationToken);

    /// <summary>Sends a read; the reply is DATA, or a status EOF past the end (see <see cref="DataOf"/>).</summary>
    public async Task<Task<SftpReply>> SendReadAsync(byte[] handle, long offset, int length, CancellationToken cancellationToken)
    {
        var id = channel.NextId();
        using var packet = new SftpPacketWriter(SftpProtocol.Read, id);
        packet.WriteString(handle);
        packet.WriteUInt64((ulong)offset);
        packet.WriteUInt32((uint)length);
        return await channel.SendRequestAsync(id, packet, cancellationToken);
    }

    /// <summary>The data of a read's reply (valid while the reply is); empty at the end of the file.</summary>
    public static ReadOnlyMemory<byte> DataOf(SftpReply reply)
    {
        if (reply.Type == SftpProtocol.Status && (SftpStatusCode)reply.Fields().ReadUInt32() == SftpStatusCode.Eof)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        reply.Expect(SftpProtocol.Data);
        const int DataStart = 9; // type, id, length
        return reply.Body.Slice(DataStart, reply.Fields().ReadString().Length);
    }

    /// <summary>Sends a write; its reply is a status.</summary>
    public async Task<Task<SftpReply>> SendWriteAsync(byte[] handle, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var id = channel.NextId();
        using var packet = new SftpPacketWriter(SftpProtocol.Write, id, data.Length + handle.Length);
        packet.WriteString(handle);
        packet.WriteUInt64((ulong)offset);
        packet.WriteString(data.Span);
        return await channel.SendRequestAsync(id, packet, cancellationToken);
    }

    public Task<SftpAttributes> StatAsync(string path, CancellationToken cancellationToken) =>
        AttributesAsync(SftpProtocol.Stat, p => p.WriteString(path), cancellationToken);

    public Task<SftpAttributes> LStatAsync(string path, CancellationToken cancellationToken) =>
        AttributesAsync(SftpProtocol.LStat, p => p.WriteString(path), cancellationToken);

    public Task<SftpAttributes> FStatAsync(byte[] handle, CancellationToken cancellationToken) =>
        AttributesAsync(SftpProtocol.FStat, p => p.WriteString(handle), cancellationToken);

    public Task FSetStatAsync(byte[] handle, SftpAttributes attributes, CancellationToken cancellationToken) =>
        StatusAsync(SftpProtocol.FSetStat, p => { p.WriteString(handle); attributes.WriteTo(p); }, cancellationToken);

    public Task MkDirAsync(string path, CancellationToken cancellationToken) =>
        StatusAsync(SftpProtocol.MkDir, p => { p.WriteString(path); SftpAttributes.None.WriteTo(p); }, cancellationToken);

    public Task RemoveAsync(string path, CancellationToken cancellationToken) =>
        StatusAsync(SftpProtocol.Remove, p => p.WriteString(path), cancellationToken);

    /// <summary>Renames over an existing target in one step (OpenSSH's posix-rename; plain SFTP rename refuses to replace).</summary>
    public Task RenameAsync(string from, string to, CancellationToken cancellationToken) => HasPosixRename
        ? StatusAsync(SftpProtocol.Extended, p => { p.WriteString(SftpProtocol.PosixRename); p.WriteString(from); p.WriteString(to); }, cancellationToken)
        : StatusAsync(SftpProtocol.Rename, p => { p.WriteString(from); p.WriteString(to); }, cancellationToken);

    /// <summary>Flushes a file's data to disk (OpenSSH's fsync extension; a no-op where the server has none).</summary>
    public Task FsyncAsync(byte[] handle, CancellationToken cancellationToken) => HasFsync
        ? StatusAsync(SftpProtocol.Extended, p => { p.WriteString(SftpProtocol.Fsync); p.WriteString(handle); }, cancellationToken)
        : Task.CompletedTask;

    /// <summary>The canonical absolute form of a path, symbolic links resolved.</summary>
    public async Task<string> RealPathAsync(string path, CancellationToken cancellationToken)
    {
        var id = channel.NextId();
        using var packet = new SftpPacketWriter(SftpProtocol.RealPath, id);
        packet.WriteString(path);
        using var reply = await channel.CallAsync(id, packet, cancellationToken);
        reply.Expect(SftpProtocol.Name);
        var fields = reply.Fields();
        return fields.ReadUInt32() == 0 ? throw new FormatException("REALPATH answered no name") : fields.ReadText();
    }

    /// <summary>Bytes free for an unprivileged user on the file system holding <paramref name="path"/>; null when the server cannot tell.</summary>
    public async Task<long?> FreeBytesAsync(string path, CancellationToken cancellationToken)
    {
        if (!HasStatVfs)
        {
            return null;
        }

        using var reply = await ExtendedAsync(SftpProtocol.StatVfs, path, cancellationToken);
        reply.Expect(SftpProtocol.ExtendedReply);
        var fields = reply.Fields();
        _ = fields.ReadUInt64(); // f_bsize
        var fragmentSize = fields.ReadUInt64();
        _ = fields.ReadUInt64(); // f_blocks
        _ = fields.ReadUInt64(); // f_bfree
        var available = fields.ReadUInt64();
        return (long)Math.Min(available * fragmentSize, long.MaxValue);
    }

    public void Dispose() => channel.Dispose();

    private async Task<SftpReply> ExtendedAsync(string name, string? path, CancellationToken cancellationToken)
    {
        var id = channel.NextId();
        using var packet = new SftpPacketWriter(SftpProtocol.Extended, id);
        packet.WriteString(name);
        if (path is not null)
        {
            packet.WriteString(path);
        }

        return await channel.CallAsync(id, packet, cancellationToken);
    }

    private async Task<SftpAttributes> AttributesAsync(byte type, Action<SftpPacketWriter> fields, CancellationToken cancellationToken)
    {
        var id = channel.NextId();
        using var packet = new SftpPacketWriter(type, id);
        fields(packet);
        using var reply = await channel.CallAsync(id, packet, cancellationToken);
        reply.Expect(SftpProtocol.Attrs);
        var reader = reply.Fields();
        return SftpAttributes.ReadFrom(ref reader);
    }

    private async Task StatusAsync(byte type, Action<SftpPacketWriter> fields, CancellationToken cancellationToken)
    {
        var id = channel.NextId();
        using var packet = new SftpPacketWriter(type, id);
        fields(packet);
        using var reply = await channel.CallAsync(id, packet, cancellationToken);
        reply.Expect(SftpProtocol.Status);
    }

    private static int Chunk(ulong limit) => limit == 0 ? SafeChunkBytes : (int)Math.Clamp(limit, SafeChunkBytes, PreferredChunkBytes);
}
