using System.Security.Cryptography;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Runs;

/// <summary>
/// Where <c>ssh_output</c> with <c>localPath</c> copies a stream: a temp file beside the destination, hashed as it is
/// written and renamed into place by <see cref="CommitAsync"/>, so a failed or cancelled copy leaves nothing half-written.
/// </summary>
internal sealed class LocalOutputFile : IAsyncDisposable
{
    private const int BufferBytes = 64 * 1024;

    private readonly string _destination;
    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _committed;

    private LocalOutputFile(string destination, string temp, FileStream stream)
    {
        _destination = destination;
        _temp = temp;
        _stream = stream;
    }

    public long Bytes { get; private set; }

    /// <param name="destination">The confined path (see <see cref="Files.LocalFiles.ResolveDestination"/>).</param>
    public static LocalOutputFile Create(string destination)
    {
        var temp = TempPathBeside(destination);
        try
        {
            return new LocalOutputFile(destination, temp, new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, FileOptions.Asynchronous));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failures.LocalIoFailed(destination, ex.Message, ex);
        }
    }

    /// <summary>A fresh hidden name beside <paramref name="destination"/>, for a copy renamed into place once whole.</summary>
    public static string TempPathBeside(string destination) =>
        Path.Join(Path.GetDirectoryName(destination), $".{Path.GetFileName(destination)}.sshmcp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.part");

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _hash.AppendData(data.Span);
        try
        {
            await _stream.WriteAsync(data, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failures.LocalIoFailed(_destination, ex.Message, ex);
        }

        Bytes += data.Length;
    }

    /// <summary>Puts the copy in place and returns its SHA-256 (lowercase hex).</summary>
    public async Task<string> CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stream.FlushAsync(cancellationToken);
            await _stream.DisposeAsync();
            File.Move(_temp, _destination, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failures.LocalIoFailed(_destination, ex.Message, ex);
        }

        _committed = true;
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _hash.Dispose();
        if (!_committed)
        {
            File.Delete(_temp);
        }
    }
}
