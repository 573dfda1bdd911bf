using System.Globalization;
using SshMcp.Server.Shell;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Files;

/// <summary>
/// The host's side of one write (<c>file-write.sh</c>): it checks the size and sha256 of what was written where it
/// lies, and undoes the write unless the server commits it. Its channel is opened before the first byte is written,
/// so a write cut off by a dropped connection is undone on the host all the same: the temp file removed, or an
/// appended file cut back to its old size.
/// </summary>
internal sealed class WriteGuard : IDisposable
{
    /// <summary>A slow host still hashes this fast; a check may take this much longer than the request bound.</summary>
    private const double HashBytesPerSecond = 10 * 1024 * 1024;

    private static readonly TimeSpan UndoBound = TimeSpan.FromSeconds(5);

    private readonly HostScript _script;
    private readonly TimeSpan _bound;
    private bool _settled;

    private WriteGuard(HostScript script, TimeSpan bound)
    {
        _script = script;
        _bound = bound;
    }

    /// <summary>What the write touches before it is committed: the temp file beside the target, or the file appended to.</summary>
    public string Written { get; private init; } = "";

    /// <summary>The data goes to the end of the existing file.</summary>
    public bool Appends { get; private init; }

    /// <summary>The file's size before an append; 0 for a replace.</summary>
    public long Before { get; private init; }

    /// <summary>Starts the host's side of a write of <paramref name="spec"/> to <paramref name="target"/>.</summary>
    /// <param name="overStdin">The data comes on the guard's stdin (no SFTP); else over SFTP.</param>
    public static async Task<WriteGuard> StartAsync(FileContext context, WriteTarget target, WriteSpec spec, bool overStdin, CancellationToken cancellationToken)
    {
        var appends = spec.Append && target.Existing is not null;
        var before = appends ? target.Existing!.Size : 0;
        var written = appends ? target.Path : RemotePaths.TempSibling(target.Path);
        var launch = ShellScripts.Launch(
            ShellScripts.FileWrite,
            overStdin ? "stdin" : "sftp",
            appends ? "append" : "replace",
            written,
            Number(spec.Length),
            Number(before),
            target.Path);
        var script = await HostScript.StartAsync(context.Connection, launch, cancellationToken);
        return new WriteGuard(script, context.Options.RequestTimeout) { Written = written, Appends = appends, Before = before };
    }

    /// <summary>Data for the host (over stdin only).</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => _script.WriteAsync(data, cancellationToken);

    /// <summary>Asks the host for the size and hashes of what it has; throws <see cref="HostWriteException"/> when it found a fault.</summary>
    public async Task<HostCheck> CheckAsync(bool sendCheck, long bytes, CancellationToken cancellationToken)
    {
        if (sendCheck)
        {
            await _script.SendLineAsync("check", cancellationToken);
        }

        var hashing = TimeSpan.FromSeconds(2 * bytes / HashBytesPerSecond);
        var line = await ReadAsync(_bound + hashing, cancellationToken);
        var words = line.Split(' ');
        return words is ["ok", var size, var written, var whole]
            ? new HostCheck(long.Parse(size, CultureInfo.InvariantCulture), Hash(written), Hash(whole))
            : throw Fault(line);
    }

    /// <summary>Keeps the write. Over stdin it also sets the mode (null: keep the default) and the owner (null: as is) and renames.</summary>
    public async Task CommitAsync(int? mode, string? owner, CancellationToken cancellationToken)
    {
        var modeWord = mode is { } m ? Convert.ToString(m, 8) : "-";
        await _script.SendLineAsync($"commit {modeWord} {owner ?? "-"}", cancellationToken);
        _settled = true;
        var line = await ReadAsync(_bound, cancellationToken);
        if (line != "done")
        {
            throw Fault(line);
        }
    }

    /// <summary>Undoes the write on the host and waits (bounded) until it has; never throws.</summary>
    public async Task UndoAsync()
    {
        if (_settled)
        {
            return;
        }

        _settled = true;
        try
        {
            await _script.SendLineAsync("undo", CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The channel is gone: closing it below, or the dropped connection, undoes the write all the same.
        }

        _script.Dispose();
        await Sessions.Waits.CompletesWithinAsync(_script.Exited, UndoBound);
    }

    public void Dispose() => _script.Dispose();

    private async Task<string> ReadAsync(TimeSpan bound, CancellationToken cancellationToken) =>
        await _script.ReadLineAsync(bound, cancellationToken)
        ?? throw new HostWriteException("ended", _script.Stderr);

    private HostWriteException Fault(string line) =>
        new(line.StartsWith("error ", StringComparison.Ordinal) ? line[6..] : line, _script.Stderr);

    private static string? Hash(string word) => word.Length == 64 ? word : null;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
