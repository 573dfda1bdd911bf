using System.Security.Cryptography;

namespace SshMcp.Server.Files;

/// <summary>
/// Counts and hashes the bytes of one transfer as they pass and reports progress: nothing during the first second (a
/// short transfer sends no notification), then at most four times a second, and once more at the end.
/// </summary>
internal sealed class TransferMeter(long total, IProgress<TransferStatus>? progress, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long _started = time.GetTimestamp();
    private long _lastReport;
    private bool _reported;
    private string? _sha256;

    public long Done { get; private set; }

    public long Total => total;

    public void Add(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        Done += bytes.Length;
        if (progress is null)
        {
            return;
        }

        var now = time.GetTimestamp();
        if (time.GetElapsedTime(_started, now) >= Quiet && (!_reported || time.GetElapsedTime(_lastReport, now) >= Interval))
        {
            _reported = true;
            _lastReport = now;
            progress.Report(new TransferStatus(Done, Math.Max(total, Done)));
        }
    }

    /// <summary>The last notification, at the end, when any was sent.</summary>
    public void Finish()
    {
        if (_reported)
        {
            progress?.Report(new TransferStatus(Done, Math.Max(total, Done)));
        }
    }

    /// <summary>The sha256 of every byte added, lower-case hex; asked for, it ends the counting.</summary>
    public string Sha256() => _sha256 ??= Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
